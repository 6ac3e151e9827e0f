package dev.palisade.driver;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The driver's core (state, renderer, differ, reconciler) knows nothing of Kafka; adapters live at the edge. */
class ArchitectureTest {

    @Test
    void coreImportsNoTransport() {
        noClasses().that().resideInAnyPackage("dev.palisade.driver.core..", "dev.palisade.driver.nft..",
                        "dev.palisade.driver.sync..", "dev.palisade.driver.backend..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.quarkus..", "jakarta..",
                        "dev.palisade.driver.adapter..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.palisade.driver"));
    }

    @Test
    void loopKnowsBackendsOnlyThroughThePort() {
        noClasses().that().resideInAnyPackage("dev.palisade.driver.sync..", "dev.palisade.driver.backend..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.palisade.driver.nft..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.palisade.driver"));
    }
}
