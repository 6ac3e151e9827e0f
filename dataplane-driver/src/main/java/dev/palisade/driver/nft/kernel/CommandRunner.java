package dev.palisade.driver.nft.kernel;

import java.util.List;

/** Runs a command to completion with the given standard input: the one place processes are started. */
public interface CommandRunner {

    record Result(int exitCode, String stdout, String stderr) {
    }

    Result run(List<String> command, String stdin);
}
