package dev.palisade.e2e.suite;

import java.nio.file.Files;
import java.nio.file.Path;

/** The services of the suite, each a module of the repository that the end-to-end run starts as a process. */
public enum Component {
    INGEST("ingest-service", "target/quarkus-app/quarkus-run.jar"),
    CALCULATOR("policy-calculator", "target/quarkus-app/quarkus-run.jar"),
    HEP_CONTROLLER("hep-controller", "target/quarkus-app/quarkus-run.jar"),
    DRIVER("dataplane-driver", "target/palisade-dataplane-driver-0.1.0-SNAPSHOT.jar");

    private final String module;
    private final String artifact;

    Component(String module, String artifact) {
        this.module = module;
        this.artifact = artifact;
    }

    public String module() {
        return module;
    }

    /** The packaged service in {@code repository}; fails naming the build that makes it when it is absent. */
    public Path artifact(Path repository) {
        Path path = repository.resolve(module).resolve(artifact);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(module + " is not packaged (" + path + " missing): run ./mvnw -B -pl "
                    + module + " -am package -DskipTests");
        }
        return path;
    }

    /** The jars a plain-Java service runs with, beside its own jar (copied there at package time). */
    public String classpath(Path repository) {
        Path jar = artifact(repository);
        return jar + java.io.File.pathSeparator + jar.resolveSibling("lib") + "/*";
    }
}
