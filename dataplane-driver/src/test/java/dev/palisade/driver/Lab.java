package dev.palisade.driver;

import dev.palisade.driver.nft.NftBackend;
import dev.palisade.driver.nft.kernel.LibNft;
import dev.palisade.driver.nft.kernel.NftException;
import dev.palisade.driver.nft.kernel.NftMonitor;
import dev.palisade.driver.nft.kernel.NftPort;

import dev.palisade.driver.backend.DataplaneBackend;
import dev.palisade.testkit.Commands;
import dev.palisade.testkit.NetNs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real packets between namespaces: listeners started in a namespace (stopped by PID on close) and probes
 * sent from another, both with {@code netprobe.py}. A probe is "open" when the TCP connection or the UDP
 * echo went through, "timeout" when something dropped it.
 */
public final class Lab implements AutoCloseable {

    /**
     * The backend the namespace tests enforce with, through the backend-neutral port: the iptables backend
     * passes the same tests by being returned here. Applies in-process through libnftables, as the driver does.
     */
    public static DataplaneBackend backend(NetNs node) {
        return new NftBackend(libnftables(node));
    }

    /** The backend as the driver runs it: {@code nft monitor} tells the drift check when to read. Closed by the loop. */
    public static DataplaneBackend watchedBackend(NetNs node) {
        return new NftBackend(libnftables(node), new NftMonitor(node.name()));
    }

    private static NftPort libnftables(NetNs node) {
        try {
            return LibNft.open(node.name()).orElseThrow(() -> new IllegalStateException("libnftables.so.1 does not load"));
        } catch (NftException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final double TIMEOUT_SECONDS = 0.6;

    private final Path script;
    private final List<Process> listeners = new ArrayList<>();

    public Lab() {
        try (var in = Lab.class.getResourceAsStream("/netprobe.py")) {
            script = Files.createTempFile("netprobe", ".py");
            Files.write(script, in.readAllBytes());
            script.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a listener for {@code specs} ({@code tcp:22}, {@code udp:53}) in {@code ns}; waits until bound. */
    public void listen(NetNs ns, String... specs) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "python3", script.toString(),
                "serve"));
        command.addAll(List.of(specs));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            listeners.add(p);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("listener in " + ns + " did not start: " + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String probe(NetNs from, String protocol, String host, int port) {
        return probe(from, protocol, host, port, 0);
    }

    public String probe(NetNs from, String protocol, String host, int port, int sourcePort) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", from.name(), "python3", script.toString(),
                "probe", protocol, host, Integer.toString(port), Double.toString(TIMEOUT_SECONDS)));
        if (sourcePort > 0) {
            command.add(Integer.toString(sourcePort));
        }
        return Commands.run(command).requireSuccess().stdout().strip();
    }

    @Override
    public void close() {
        for (Process p : listeners) {
            p.destroy();
        }
        for (Process p : listeners) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listeners.clear();
    }
}
