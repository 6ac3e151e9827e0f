package dev.palisade.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A long-lived {@code netprobe.py batch} in one namespace: each batch of probes is a line to it and a line back,
 * so a run of thousands of batches starts python once rather than once a batch (a start under {@code ip netns
 * exec} costs more than the probes). Its results are netprobe's: open, refused (a reset or port unreachable:
 * not a block) or timeout (dropped). One batch at a time; {@link Lab#close} stops the process.
 */
public final class BatchProber {

    private final String namespace;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    BatchProber(String namespace, Process process) {
        this.namespace = namespace;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.outputWriter(StandardCharsets.UTF_8);
        String first = answer("start");
        if (!"ready".equals(first)) {
            throw new IllegalStateException("prober in " + namespace + " did not start: " + first);
        }
    }

    /** Sends every probe ({@code proto,host,port}) at once; one result each, in order. */
    public synchronized List<String> probe(double timeoutSeconds, List<String> specs) {
        if (specs.isEmpty()) {
            return List.of();
        }
        List<String> results = Arrays.asList(request(timeoutSeconds + " " + String.join(" ", specs)).split(" "));
        if (results.size() != specs.size()) {
            throw new IllegalStateException("prober in " + namespace + " answered " + results + " to " + specs);
        }
        return results;
    }

    /** Forgets every tracked connection in the namespace, so no earlier probe's entry lets a packet through. */
    public synchronized void flushConntrack() {
        String reply = request("flush");
        if (!"flushed".equals(reply)) {
            throw new IllegalStateException("conntrack -F in " + namespace + " answered " + reply);
        }
    }

    private String request(String line) {
        try {
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("prober in " + namespace + " is gone (exit " + exitCode() + ")", e);
        }
        return answer(line);
    }

    private String answer(String request) {
        try {
            String reply = out.readLine();
            if (reply == null) {
                throw new IllegalStateException("prober in " + namespace + " ended (exit " + exitCode() + ") on " + request);
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String exitCode() {
        return process.isAlive() ? "none yet" : Integer.toString(process.exitValue());
    }
}
