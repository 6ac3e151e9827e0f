package dev.palisade.e2e.suite;

import java.nio.file.Files;
import java.nio.file.Path;

/** The services of the suite, each a module of the repository that the end-to-end run starts as a process. */
public enum Component {
    INGEST("ingest-service", "ingest"),
    CALCULATOR("policy-calculator", "calc"),
    HEP_CONTROLLER("hep-controller", "hepctl"),
    DRIVER("dataplane-driver", "driver");

    private final String module;
    private final String branch;

    Component(String module, String branch) {
        this.module = module;
        this.branch = branch;
    }

    public String module() {
        return module;
    }

    /** Whether this checkout contains the module at all. */
    public boolean presentIn(Path repository) {
        return Files.isRegularFile(repository.resolve(module).resolve("pom.xml"));
    }

    /** Why the suite cannot run this component from {@code repository}; a message for people. */
    public String absenceReason(Path repository) {
        return presentIn(repository)
                ? module + ": the module exists but the end-to-end suite does not start it yet"
                : module + ": not in this checkout (module " + module + "/ missing; being written on branch '"
                        + branch + "')";
    }
}
