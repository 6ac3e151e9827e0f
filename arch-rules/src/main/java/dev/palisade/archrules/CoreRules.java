package dev.palisade.archrules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture rules every module checks its cores against, so that "the core imports no framework" means
 * the same thing everywhere (DESIGN.md: model, the calculator's engine, the driver's renderer and differ, the
 * cores of ingest and hep-controller know nothing of Kafka, etcd, HTTP or Quarkus).
 */
public final class CoreRules {

    /** Frameworks, transports, datastores and metrics: what only adapters may touch. */
    public static final String[] FRAMEWORKS = {
            "io.quarkus..", "jakarta..", "javax..", "io.vertx..", "io.smallrye..", "io.netty..", "io.grpc..",
            "org.apache.kafka..", "io.etcd..", "org.hibernate..", "io.micrometer..", "org.eclipse.microprofile..",
            "org.jboss..", "io.fabric8..", "java.net.http.."};

    /** Files, sockets and processes: what a pure function (renderer, differ) never does. */
    public static final String[] IO = {"java.io..", "java.nio.file..", "java.nio.channels..", "java.net.."};

    private CoreRules() {
    }

    /** The production classes under {@code rootPackage} (tests excluded). */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** Classes in {@code corePackages} depend on no framework and on none of {@code adapterPackages}. */
    public static ArchRule coreImportsNoFramework(String[] corePackages, String... adapterPackages) {
        String[] forbidden = new String[FRAMEWORKS.length + adapterPackages.length];
        System.arraycopy(FRAMEWORKS, 0, forbidden, 0, FRAMEWORKS.length);
        System.arraycopy(adapterPackages, 0, forbidden, FRAMEWORKS.length, adapterPackages.length);
        return noClasses().that().resideInAnyPackage(corePackages)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("cores are plain Java; adapters at the edge translate (DESIGN.md)");
    }

    /** Classes in {@code packages} read no file, open no socket and start no process. */
    public static ArchRule doesNoIo(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage(IO)
                .orShould().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Process.class, Runtime.class)
                .because("a pure stage is tested without the kernel and costs no process start");
    }
}
