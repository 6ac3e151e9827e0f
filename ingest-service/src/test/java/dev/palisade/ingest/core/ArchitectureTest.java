package dev.palisade.ingest.core;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    @Test
    void theCoreKnowsNoFrameworkNorServerClient() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.palisade.ingest");
        noClasses().that().resideInAPackage("dev.palisade.ingest.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "org.apache.kafka..",
                        "io.etcd..", "io.vertx..", "io.smallrye..", "org.hibernate..", "dev.palisade.ingest.adapter..")
                .check(classes);
    }
}
