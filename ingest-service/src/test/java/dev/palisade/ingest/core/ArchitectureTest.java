package dev.palisade.ingest.core;

import org.junit.jupiter.api.Test;

import static dev.palisade.archrules.CoreRules.coreImportsNoFramework;
import static dev.palisade.archrules.CoreRules.mainClasses;

class ArchitectureTest {

    @Test
    void theCoreKnowsNoFrameworkNorServerClient() {
        coreImportsNoFramework(new String[] {"dev.palisade.ingest.core.."}, "dev.palisade.ingest.adapter..")
                .check(mainClasses("dev.palisade.ingest"));
    }
}
