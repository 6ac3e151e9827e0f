package dev.palisade.calculator;

import static dev.palisade.archrules.CoreRules.coreImportsNoFramework;
import static dev.palisade.archrules.CoreRules.mainClasses;

import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void theEngineKnowsNoFrameworkNoBrokerAndNotItsAdapter() {
        coreImportsNoFramework(new String[] {"dev.palisade.calculator.engine.."}, "dev.palisade.calculator.adapter..")
                .check(mainClasses("dev.palisade.calculator"));
    }
}
