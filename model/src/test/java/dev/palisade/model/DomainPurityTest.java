package dev.palisade.model;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The model is the whole policy semantics in plain Java: no framework or transport may leak into it. */
class DomainPurityTest {

    private final JavaClasses model = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.palisade.model");

    @Test
    void modelImportsNoFrameworkOrTransport() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax.ws..", "io.vertx..", "io.smallrye..",
                        "org.apache.kafka..", "io.etcd..", "io.grpc..", "org.hibernate..", "io.netty..")
                .check(model);
    }

    /** Addresses are parsed by dev.palisade.model.net alone; InetAddress would resolve any name it is given. */
    @Test
    void modelNeverUsesInetAddress() {
        noClasses().should().dependOnClassesThat().areAssignableTo(InetAddress.class).check(model);
    }
}
