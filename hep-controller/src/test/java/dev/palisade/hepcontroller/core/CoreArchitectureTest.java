package dev.palisade.hepcontroller.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CoreArchitectureTest {

    @Test
    void theCoreKnowsNoFrameworkNoBrokerNoDatastoreAndNoHttp() {
        noClasses().that().resideInAPackage("dev.palisade.hepcontroller.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax..", "org.apache.kafka..", "io.smallrye..", "io.etcd..",
                        "io.vertx..", "java.net.http..", "io.micrometer..", "org.eclipse.microprofile..",
                        "dev.palisade.hepcontroller.adapter..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.palisade.hepcontroller"));
    }
}
