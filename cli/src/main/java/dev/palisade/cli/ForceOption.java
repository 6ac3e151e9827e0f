package dev.palisade.cli;

import picocli.CommandLine.Option;

/** {@code --force}: commit a write even though the lockout guard refuses it (the audit trail records it). */
final class ForceOption {

    @Option(names = "--force", description = "Commit even if the write would cut a flow a LockoutGuard protects "
            + "(the audit log records that it was forced and what it cut).")
    boolean force;

    /** The write's path with {@code force=true} added when asked for. */
    String on(String path) {
        return force ? path + (path.contains("?") ? "&" : "?") + "force=true" : path;
    }
}
