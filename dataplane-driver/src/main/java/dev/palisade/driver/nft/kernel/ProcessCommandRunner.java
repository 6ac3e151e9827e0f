package dev.palisade.driver.nft.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * {@link CommandRunner} over real processes. Standard input is written and standard error read on threads
 * of their own while the caller reads standard output, so a process filling one pipe (a large
 * {@code nft -j list}) never waits on another.
 */
public final class ProcessCommandRunner implements CommandRunner {

    @Override
    public Result run(List<String> command, String stdin) {
        try {
            Process process = new ProcessBuilder(command).start();
            FutureTask<String> err = new FutureTask<>(() -> read(process.getErrorStream()));
            Thread.ofVirtual().start(err);
            Thread writer = Thread.ofVirtual().start(() -> write(process.getOutputStream(), stdin));
            String out = read(process.getInputStream());
            int code = process.waitFor();
            writer.join();
            return new Result(code, out, err.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the error output of " + String.join(" ", command), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    private static void write(OutputStream stream, String text) {
        try (stream) {
            if (text != null) {
                stream.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process exited without reading everything; its exit code tells what went wrong
        }
    }

    private static String read(InputStream stream) throws IOException {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
