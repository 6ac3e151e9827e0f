package dev.palisade.bench;

import dev.palisade.driver.ipt.IptBackend;
import dev.palisade.driver.ipt.kernel.CliIptables;
import dev.palisade.driver.ipt.kernel.IptablesVariant;
import dev.palisade.driver.nft.NftBackend;
import dev.palisade.driver.nft.diff.KernelTable;
import dev.palisade.driver.nft.diff.NftTransaction;
import dev.palisade.driver.nft.kernel.CliNft;
import dev.palisade.driver.nft.kernel.CommandRunner;
import dev.palisade.driver.nft.kernel.LibNft;
import dev.palisade.driver.nft.kernel.NftException;
import dev.palisade.driver.nft.kernel.NftPort;
import dev.palisade.driver.nft.kernel.ProcessCommandRunner;

import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.sync.Reconciler;
import dev.palisade.driver.sync.SyncResult;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.resource.Action;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Apply latency of the driver into a throwaway network namespace, for tables of 100, 1,000 and 10,000 policy
 * rules (policies of {@value #RULES_PER_POLICY} rules on one host endpoint): (a) the first full apply, (b) one
 * policy changed, and (c) {@code nft -f} of exactly (b)'s transaction text alone, the kernel's own cost through
 * the CLI ({@code ip netns exec … nft -f -}). Each size runs with both kernel ports, libnftables in-process (the
 * driver's default) and the {@code nft} program (its fallback). Reports medians, (b)'s p99 and the ratio b/c;
 * then the same for the iptables backend under {@code "iptables"}, (c) being its {@code iptables-restore}/{@code ipset}
 * runs replayed alone.
 */
public final class ApplyBenchmark {

    private static final int RULES_PER_POLICY = 10;
    private static final int FULL_REPEATS = 3;
    private static final int CHANGE_REPEATS = 15;
    private static final int WARMUP_PAIRS = 20;

    /** Records the text of every transaction it passes on. */
    private static final class Recording implements NftPort {
        private final NftPort delegate;
        String last;

        Recording(NftPort delegate) {
            this.delegate = delegate;
        }

        @Override
        public void run(NftTransaction tx) throws NftException {
            last = tx.toString();
            delegate.run(tx);
        }

        @Override
        public void check(NftTransaction tx) throws NftException {
            delegate.check(tx);
        }

        @Override
        public Optional<KernelTable> listTable() throws NftException {
            return delegate.listTable();
        }
    }

    /** Records the commands that change the kernel (restores, not {@code --test} checks) with their input. */
    private static final class RecordingRunner implements CommandRunner {
        private final CommandRunner delegate;
        final List<List<String>> commands = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();

        RecordingRunner(CommandRunner delegate) {
            this.delegate = delegate;
        }

        @Override
        public Result run(List<String> command, String stdin) {
            boolean commit = command.stream().anyMatch(c -> c.endsWith("-restore") || c.equals("restore"))
                    && !command.contains("--test");
            if (commit) {
                commands.add(command);
                inputs.add(stdin);
            }
            return delegate.run(command, stdin);
        }

        void clear() {
            commands.clear();
            inputs.clear();
        }

        /** Runs what was recorded again, alone; its time. */
        long replay() {
            long start = System.nanoTime();
            for (int i = 0; i < commands.size(); i++) {
                require(delegate.run(commands.get(i), inputs.get(i)), String.join(" ", commands.get(i)));
            }
            return System.nanoTime() - start;
        }
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {100, 1000, 10000};
        String ns = "palbench-" + ProcessHandle.current().pid();
        CommandRunner runner = new ProcessCommandRunner();
        require(runner.run(List.of("ip", "netns", "add", ns), null), "ip netns add");
        Thread cleanup = new Thread(() -> runner.run(List.of("ip", "netns", "delete", ns), null));
        Runtime.getRuntime().addShutdownHook(cleanup);
        StringBuilder json = new StringBuilder("{\"benchmark\":\"apply\",\"rulesPerPolicy\":" + RULES_PER_POLICY + ",\"sizes\":[");
        try {
            require(runner.run(List.of("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0-peer"), null), "veth eth0");
            List<HostInterface> ifaces = List.of(new HostInterface("eth0", List.of()));
            String separator = "";
            for (int size : sizes) {
                try (NftPort library = LibNft.open(ns).orElseThrow(() -> new IllegalStateException("libnftables.so.1 does not load"))) {
                    json.append(separator).append(measure(runner, ns, size, ifaces, library, "library"));
                }
                json.append(",").append(measure(runner, ns, size, ifaces, new CliNft(runner, ns), "cli"));
                separator = ",";
            }
            json.append("],\"iptables\":[");
            for (int i = 0; i < sizes.length; i++) {
                json.append(i == 0 ? "" : ",").append(measureIptables(runner, ns, sizes[i], ifaces));
            }
        } finally {
            runner.run(List.of("ip", "netns", "delete", ns), null);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        json.append(String.format(Locale.ROOT, "],\"loadAverage\":%.2f}",
                Machine.loadAverage()));
        System.out.println("RESULT " + json);
    }

    private static String measure(CommandRunner runner, String ns, int rules, List<HostInterface> ifaces, NftPort port,
                                  String portName) throws Exception {
        int policies = Math.max(1, rules / RULES_PER_POLICY);
        Recording nft = new Recording(port);
        long[] full = new long[FULL_REPEATS];
        Reconciler reconciler = null;
        SyncResult first = null;
        for (int r = 0; r < FULL_REPEATS; r++) {
            runner.run(List.of("ip", "netns", "exec", ns, "nft", "delete", "table", "inet", "palisade"), null);
            reconciler = new Reconciler(new NftBackend(nft));
            first = ok(reconciler.sync(state(policies, 1, 0), ifaces));
            full[r] = first.nanos();
        }
        String fullScript = nft.last;
        long[] fullAlone = new long[FULL_REPEATS];
        for (int r = 0; r < FULL_REPEATS; r++) {
            runner.run(List.of("ip", "netns", "exec", ns, "nft", "delete", "table", "inet", "palisade"), null);
            fullAlone[r] = nftAlone(runner, ns, fullScript);
        }
        reconciler.requestFullSync();
        // as the driver gets them: a batch changes one policy; every other entry stays the same instance
        NodeState a = state(policies, 1, 0);
        ok(reconciler.sync(a, ifaces));
        List<Long> change = new ArrayList<>();
        List<Long> inKernel = new ArrayList<>();
        List<Long> kernel = new ArrayList<>();
        int ops = 0;
        for (int r = 0; r < WARMUP_PAIRS; r++) { // a running driver is warm: compile the render and diff paths first
            ok(reconciler.sync(a.with(List.of(DataplaneMessage.set("bench", policy(0, 1))), 1), ifaces));
            ok(reconciler.sync(a, ifaces));
        }
        for (int r = 0; r < CHANGE_REPEATS; r++) {
            NodeState b = a.with(List.of(DataplaneMessage.set("bench", policy(0, 1))), 2 + 2 * r);
            SyncResult toB = ok(reconciler.sync(b, ifaces));
            String deltaAB = nft.last;
            a = b.with(List.of(DataplaneMessage.set("bench", policy(0, 0))), 3 + 2 * r);
            SyncResult toA = ok(reconciler.sync(a, ifaces));
            String deltaBA = nft.last;
            change.add(toB.nanos());
            change.add(toA.nanos());
            inKernel.add(toB.kernelNanos());
            inKernel.add(toA.kernelNanos());
            ops = toB.operations();
            kernel.add(nftAlone(runner, ns, deltaAB));
            kernel.add(nftAlone(runner, ns, deltaBA));
        }
        double b = median(change) / 1e6;
        double c = median(kernel) / 1e6;
        String result = String.format(Locale.ROOT,
                "{\"port\":\"%s\",\"policyRules\":%d,\"tableRules\":%d,\"sets\":%d,\"fullApplyMs\":%.1f,\"fullNftAloneMs\":%.1f,"
                        + "\"onePolicyChangedMs\":%.2f,\"onePolicyChangedP99Ms\":%.2f,"
                        + "\"driverNftMs\":%.2f,\"nftDeltaAloneMs\":%.2f,\"ratio\":%.2f,\"deltaOperations\":%d}",
                portName, policies * RULES_PER_POLICY, first.rules(), first.sets(), median(toList(full)) / 1e6,
                median(toList(fullAlone)) / 1e6, b, percentile(change, 0.99) / 1e6, median(inKernel) / 1e6, c, b / c, ops);
        System.err.println("apply " + result);
        return result;
    }

    /**
     * The same for the iptables backend: (a) first full apply, (b) one policy changed, (c) the restores (b) ran
     * ({@code iptables-restore --noflush}, {@code ipset restore}), replayed alone.
     */
    private static String measureIptables(CommandRunner runner, String ns, int rules, List<HostInterface> ifaces)
            throws Exception {
        int policies = Math.max(1, rules / RULES_PER_POLICY);
        RecordingRunner recording = new RecordingRunner(runner);
        CliIptables port = new CliIptables(recording, ns, IptablesVariant.NFT);
        long[] full = new long[FULL_REPEATS];
        Reconciler reconciler = null;
        SyncResult first = null;
        for (int r = 0; r < FULL_REPEATS; r++) {
            new IptBackend(port).removeAll();
            reconciler = new Reconciler(new IptBackend(port));
            first = ok(reconciler.sync(state(policies, 1, 0), ifaces));
            full[r] = first.nanos();
        }
        NodeState a = state(policies, 1, 0);
        ok(reconciler.sync(a, ifaces));
        List<Long> change = new ArrayList<>();
        List<Long> kernel = new ArrayList<>();
        int ops = 0;
        for (int r = 0; r < WARMUP_PAIRS; r++) {
            ok(reconciler.sync(a.with(List.of(DataplaneMessage.set("bench", policy(0, 1))), 1), ifaces));
            ok(reconciler.sync(a, ifaces));
        }
        for (int r = 0; r < CHANGE_REPEATS; r++) {
            NodeState b = a.with(List.of(DataplaneMessage.set("bench", policy(0, 1))), 2 + 2 * r);
            recording.clear();
            SyncResult toB = ok(reconciler.sync(b, ifaces));
            change.add(toB.nanos());
            ops = toB.operations();
            kernel.add(recording.replay());
            a = b.with(List.of(DataplaneMessage.set("bench", policy(0, 0))), 3 + 2 * r);
            recording.clear();
            change.add(ok(reconciler.sync(a, ifaces)).nanos());
            kernel.add(recording.replay());
        }
        new IptBackend(port).removeAll();
        double b = median(change) / 1e6;
        double c = median(kernel) / 1e6;
        String result = String.format(Locale.ROOT,
                "{\"policyRules\":%d,\"rules\":%d,\"fullApplyMs\":%.1f,\"onePolicyChangedMs\":%.2f,"
                        + "\"restoreDeltaAloneMs\":%.2f,\"ratio\":%.2f,\"deltaOperations\":%d}",
                policies * RULES_PER_POLICY, first.rules(), median(toList(full)) / 1e6, b, c, b / c, ops);
        System.err.println("apply iptables " + result);
        return result;
    }

    private static long nftAlone(CommandRunner runner, String ns, String script) {
        long start = System.nanoTime();
        require(runner.run(List.of("ip", "netns", "exec", ns, "nft", "-f", "-"), script), "nft -f delta");
        return System.nanoTime() - start;
    }

    /** {@code policies} policies of ten rules; policy 0 gets ports shifted by {@code variant}. */
    private static NodeState state(int policies, long revision, int variant) {
        List<DataplaneEntry> entries = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < policies; p++) {
            PolicyEntry policy = policy(p, p == 0 ? variant : 0);
            entries.add(policy);
            ids.add(policy.id());
        }
        entries.add(new EndpointEntry("hep-eth0", "eth0", List.of(), List.of(), null, null,
                new EndpointEntry.PolicyLists(List.of(new EndpointEntry.TierPolicies("default",
                        EndpointEntry.EndOfTier.Deny, ids)), List.of()), null));
        entries.add(new NodeConfigEntry(List.of(new NodeConfigEntry.FailsafePort("tcp", 22, null)), List.of(),
                List.of("cali"), List.of(), NodeConfigEntry.AllowAction.Accept, NodeConfigEntry.AllowAction.Accept,
                NodeConfigEntry.DenyAction.Drop, true, "Drop", "calico-packet", "insert", 10,
                NodeConfigEntry.NftablesMode.Auto));
        return NodeState.EMPTY.with(entries.stream().map(e -> DataplaneMessage.set("bench", e)).toList(), revision);
    }

    private static PolicyEntry policy(int p, int variant) {
        List<RuleEntry> rules = new ArrayList<>();
        for (int r = 0; r < RULES_PER_POLICY; r++) {
            int port = 1000 + r + variant * 100;
            String net = "198.18." + (p % 256) + "." + (r * 8) + "/29";
            rules.add(new RuleEntry(Action.Allow, null, 6, null, null, null,
                    new RuleEntry.PeerMatch(List.of(net), null, null, null, null, null, null, null),
                    new RuleEntry.PeerMatch(null, null, null, null, List.of(new RuleEntry.PortRange(port, port)),
                            null, null, null)));
        }
        String name = "bench-" + p;
        return new PolicyEntry("gnp/" + name, "GlobalNetworkPolicy", name, "default", rules, List.of());
    }

    private static SyncResult ok(SyncResult r) {
        if (!r.success()) {
            throw new IllegalStateException("apply failed: " + r.error());
        }
        return r;
    }

    private static void require(CommandRunner.Result r, String what) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(what + " failed: " + r.stderr());
        }
    }

    private static List<Long> toList(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Nearest-rank percentile; with 30 samples the p99 is the slowest. */
    private static double percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }
}
