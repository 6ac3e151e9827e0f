package dev.palisade.driver;

import dev.palisade.driver.nft.NftBackend;
import dev.palisade.driver.nft.kernel.LibNft;
import dev.palisade.driver.nft.kernel.NftException;
import dev.palisade.driver.nft.kernel.NftMonitor;
import dev.palisade.driver.nft.kernel.NftPort;
import dev.palisade.driver.nft.kernel.ProcessCommandRunner;

import dev.palisade.driver.backend.DataplaneBackend;
import dev.palisade.driver.backend.DataplaneException;
import dev.palisade.driver.ipt.IptBackend;
import dev.palisade.driver.ipt.kernel.CliIptables;
import dev.palisade.driver.ipt.kernel.IptablesVariant;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Real packets between namespaces: listeners started in a namespace (stopped by PID on close) and probes
 * sent from another, both with {@code netprobe.py}. A probe is "open" when the TCP connection or the UDP
 * echo went through, "timeout" when something dropped it.
 */
public final class Lab implements AutoCloseable {

    /**
     * The backends the namespace tests run over, through the backend-neutral port; nftables applies in-process
     * through libnftables, as the driver does.
     */
    public enum Backend {
        NFTABLES(null), IPTABLES(IptablesVariant.NFT), IPTABLES_LEGACY(IptablesVariant.LEGACY);

        /** Which iptables (nft or legacy); null for nftables. */
        private final IptablesVariant variant;

        Backend(IptablesVariant variant) {
            this.variant = variant;
        }

        public DataplaneBackend create(NetNs node) {
            return variant == null ? new NftBackend(libnftables(node)) : new IptBackend(iptables(node, variant));
        }

        /** As the driver runs it: for nftables, {@code nft monitor} tells the drift check when to read. Closed by the loop. */
        public DataplaneBackend watched(NetNs node) {
            return this == NFTABLES
                    ? new NftBackend(libnftables(node), new NftMonitor(node.name()))
                    : create(node);
        }

        /** Removes whatever any backend left in {@code node}, so a test starts from an unfiltered node. */
        public static void clear(NetNs node) {
            node.exec("nft", "delete table inet palisade"); // absent on a fresh node: the exit code does not matter
            // ipsets are shared by both variants: the variant whose rules use them goes first, or its sets are in use
            List<IptablesVariant> order = Arrays.stream(IptablesVariant.values())
                    .sorted(Comparator.comparing(v -> !node.exec(v.command(4, "save")).stdout().contains("palisade-")))
                    .toList();
            try {
                for (IptablesVariant v : order) {
                    new IptBackend(iptables(node, v)).removeAll();
                }
            } catch (DataplaneException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The backend's iptables tool for {@code family}, e.g. {@code iptables-legacy-save}; nftables has none. */
        public String iptables(int family, String tool) {
            if (variant == null) {
                throw new IllegalStateException("nftables has no iptables tool");
            }
            return variant.command(family, tool);
        }

        /** Empties the backend's input chain behind its back, as an admin's mistake would. */
        public void vandalise(NetNs node) {
            if (variant == null) {
                node.exec("nft", "flush", "table", "inet", "palisade").requireSuccess();
            } else {
                node.exec(variant.command(4, ""), "-t", "filter", "-F", "palisade-INPUT").requireSuccess();
            }
        }

        /** The whole ruleset, for failure messages. */
        public String listing(NetNs node) {
            return variant == null ? node.exec("nft", "list", "ruleset").stdout()
                    : node.exec(variant.command(4, "save")).stdout() + node.exec(variant.command(6, "save")).stdout()
                    + node.exec("ipset", "save").stdout();
        }

        private static CliIptables iptables(NetNs node, IptablesVariant variant) {
            return new CliIptables(new ProcessCommandRunner(), node.name(), variant);
        }
    }

    /** The default backend, for tests about something other than the backend. */
    public static DataplaneBackend backend(NetNs node) {
        return Backend.NFTABLES.create(node);
    }

    public static DataplaneBackend watchedBackend(NetNs node) {
        return Backend.NFTABLES.watched(node);
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

    /** A long-lived prober in {@code ns}, for many batches; stopped with the listeners. */
    public BatchProber prober(NetNs ns) {
        try {
            // stderr is kept apart: a python traceback must not be read as a probe result
            Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "python3", script.toString(), "batch")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            listeners.add(p);
            return new BatchProber(ns.name(), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Probes {@code specs} ({@code proto,host,port}) from {@code from} all at once; results in order. */
    public List<String> probeAll(NetNs from, double timeoutSeconds, List<String> specs) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", from.name(), "python3", script.toString(),
                "many", Double.toString(timeoutSeconds)));
        command.addAll(specs);
        return Commands.run(command).requireSuccess().stdout().strip().lines().toList();
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
