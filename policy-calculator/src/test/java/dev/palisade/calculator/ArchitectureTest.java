package dev.palisade.calculator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void theEngineKnowsNoFrameworkNoBrokerAndNotItsAdapter() {
        noClasses().that().resideInAPackage("dev.palisade.calculator.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax..", "org.apache.kafka..", "io.smallrye..",
                        "io.vertx..", "io.micrometer..", "org.eclipse.microprofile..", "org.jboss..",
                        "java.net.http..", "dev.palisade.calculator.adapter..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.palisade.calculator"));
    }
}
