package dev.palisade.driver;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.palisade.archrules.CoreRules.coreImportsNoFramework;
import static dev.palisade.archrules.CoreRules.doesNoIo;
import static dev.palisade.archrules.CoreRules.mainClasses;

/**
 * The driver's core (state, renderer, differ, reconciler) knows nothing of Kafka; adapters live at the edge.
 * The flow render → diff → apply shows in the packages: {@code nft.render} and {@code nft.diff} are pure,
 * only {@code nft.kernel} talks to the kernel.
 */
class ArchitectureTest {

    private static final JavaClasses DRIVER = mainClasses("dev.palisade.driver");

    @Test
    void coreImportsNoTransport() {
        coreImportsNoFramework(new String[] {"dev.palisade.driver.core..", "dev.palisade.driver.nft..",
                "dev.palisade.driver.ipt..",
                "dev.palisade.driver.sync..", "dev.palisade.driver.backend.."}, "dev.palisade.driver.adapter..")
                .check(DRIVER);
    }

    @Test
    void rendererAndDifferDoNoIo() {
        doesNoIo("dev.palisade.driver.nft.render..", "dev.palisade.driver.nft.diff..",
                "dev.palisade.driver.ipt.render..", "dev.palisade.driver.ipt.diff..").check(DRIVER);
        noClasses().that().resideInAnyPackage("dev.palisade.driver.nft.render..", "dev.palisade.driver.nft.diff..",
                        "dev.palisade.driver.ipt.render..", "dev.palisade.driver.ipt.diff..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.palisade.driver.nft.kernel..",
                        "dev.palisade.driver.ipt.kernel..")
                .check(DRIVER);
    }

    @Test
    void loopKnowsBackendsOnlyThroughThePort() {
        noClasses().that().resideInAnyPackage("dev.palisade.driver.sync..", "dev.palisade.driver.backend..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.palisade.driver.nft..", "dev.palisade.driver.ipt..")
                .check(DRIVER);
    }
}
