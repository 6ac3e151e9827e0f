package dev.palisade.hepcontroller.core;

import static dev.palisade.archrules.CoreRules.coreImportsNoFramework;
import static dev.palisade.archrules.CoreRules.mainClasses;

import org.junit.jupiter.api.Test;

class CoreArchitectureTest {

    @Test
    void theCoreKnowsNoFrameworkNoBrokerNoDatastoreAndNoHttp() {
        coreImportsNoFramework(new String[] {"dev.palisade.hepcontroller.core.."},
                "dev.palisade.hepcontroller.adapter..")
                .check(mainClasses("dev.palisade.hepcontroller"));
    }
}
