package dev.palisade.model;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.palisade.archrules.CoreRules.coreImportsNoFramework;
import static dev.palisade.archrules.CoreRules.mainClasses;

/** The model is the whole policy semantics in plain Java: no framework or transport may leak into it. */
class DomainPurityTest {

    private final JavaClasses model = mainClasses("dev.palisade.model");

    @Test
    void modelImportsNoFrameworkOrTransport() {
        coreImportsNoFramework(new String[] {"dev.palisade.model.."}).check(model);
    }

    /** Addresses are parsed by dev.palisade.model.net alone; InetAddress would resolve any name it is given. */
    @Test
    void modelNeverUsesInetAddress() {
        noClasses().should().dependOnClassesThat().areAssignableTo(InetAddress.class).check(model);
    }
}
