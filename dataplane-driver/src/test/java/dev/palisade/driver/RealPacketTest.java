package dev.palisade.driver;

import dev.palisade.driver.nft.kernel.ProcessCommandRunner;

import dev.palisade.driver.adapter.IpInterfaceWatcher;
import dev.palisade.driver.backend.DataplaneBackend;
import dev.palisade.model.dataplane.RuleCounter;
import dev.palisade.driver.core.HostInterface;
import dev.palisade.driver.core.NodeState;
import dev.palisade.driver.sync.DriverLoop;
import dev.palisade.driver.sync.Reconciler;
import dev.palisade.driver.sync.SyncResult;
import dev.palisade.model.dataplane.DataplaneStatus;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.RuleEntry;
import dev.palisade.model.dataplane.RuleEntry.PortRange;
import dev.palisade.model.resource.Action;
import dev.palisade.testkit.Commands;
import dev.palisade.testkit.NetNs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.palisade.driver.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver's core applying into a real node namespace, and real TCP/UDP packets from peer namespaces.
 *
 * <pre>
 *  ext (198.18.0.2) ──eth0── node (198.18.0.1 | 198.18.1.1 | 198.18.2.1) ──eth1── far (198.18.1.2)
 *                                      └── cali1 ── pod (198.18.2.2), NodePort 30080 → pod:8080 (DNAT)
 * </pre>
 * Every link also carries IPv6 (2001:db8:0:1::/64, :2::/64, :3::/64, same host numbers), with its own NodePort DNAT.
 * Every case runs over both backends (nftables, iptables).
 */
@ParameterizedClass
@EnumSource(Lab.Backend.class)
class RealPacketTest {

    @Parameter
    Lab.Backend backend;

    /** The addresses a test runs over, so one test body covers both families. */
    enum Family {
        IPV4("198.18.0.1", "198.18.1.1", "198.18.0.2", "198.18.2.2", 32),
        IPV6("2001:db8:0:1::1", "2001:db8:0:2::1", "2001:db8:0:1::2", "2001:db8:0:3::2", 128);

        final String node;
        final String nodeEth1;
        final String ext;
        final String pod;
        private final int hostBits;

        Family(String node, String nodeEth1, String ext, String pod, int hostBits) {
            this.node = node;
            this.nodeEth1 = nodeEth1;
            this.ext = ext;
            this.pod = pod;
            this.hostBits = hostBits;
        }

        String host(String address) {
            return address + "/" + hostBits;
        }
    }

    private static final String NODE_IP = Family.IPV4.node;
    private static final String NODE_IP_ETH1 = Family.IPV4.nodeEth1;
    private static final String EXT_IP = Family.IPV4.ext;
    private static final String SERVICE_IP = "198.18.9.9";
    private static final String NODE_IP6 = Family.IPV6.node;
    private static final String EXT_IP6 = Family.IPV6.ext;

    private static NetNs node;
    private static NetNs ext;
    private static NetNs far;
    private static NetNs pod;
    private static Lab lab;

    private Reconciler reconciler;

    @BeforeAll
    static void topology() {
        node = NetNs.create("node");
        ext = NetNs.create("ext");
        far = NetNs.create("far");
        pod = NetNs.create("pod");
        node.veth("eth0", ext, "eth0");
        node.veth("eth1", far, "eth0");
        node.veth("cali1", pod, "eth0");
        node.addAddress("eth0", NODE_IP + "/24");
        ext.addAddress("eth0", EXT_IP + "/24");
        ipv6Link("eth0", NODE_IP6, ext, EXT_IP6);
        ipv6Link("eth1", Family.IPV6.nodeEth1, far, "2001:db8:0:2::2");
        ipv6Link("cali1", "2001:db8:0:3::1", pod, Family.IPV6.pod);
        node.addAddress("eth1", NODE_IP_ETH1 + "/24");
        far.addAddress("eth0", "198.18.1.2/24");
        node.addAddress("cali1", "198.18.2.1/24");
        pod.addAddress("eth0", "198.18.2.2/24");
        ext.ip("route", "add", "198.18.0.0/15", "via", NODE_IP);
        far.ip("route", "add", "198.18.0.0/15", "via", NODE_IP_ETH1);
        pod.ip("route", "add", "198.18.0.0/15", "via", "198.18.2.1");
        node.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1").requireSuccess();
        node.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1").requireSuccess();
        // kube-proxy's NodePort, in a table the driver must never touch
        node.exec("nft", "add table ip kubeproxy; add chain ip kubeproxy pre { type nat hook prerouting priority dstnat; };"
                + " add rule ip kubeproxy pre tcp dport 30080 dnat to 198.18.2.2:8080").requireSuccess();
        node.exec("nft", "add table ip6 kubeproxy; add chain ip6 kubeproxy pre { type nat hook prerouting priority dstnat; };"
                + " add rule ip6 kubeproxy pre tcp dport 30080 dnat to [" + Family.IPV6.pod + "]:8080").requireSuccess();
        // a service address the node itself connects to: routed via eth1, DNAT'd (and so re-routed) to ext via eth0
        node.exec("nft", "add chain ip kubeproxy out { type nat hook output priority -100; };"
                + " add rule ip kubeproxy out ip daddr " + SERVICE_IP + " tcp dport 30081 dnat to " + EXT_IP + ":9000")
                .requireSuccess();
        node.ip("route", "add", SERVICE_IP + "/32", "via", "198.18.1.2");
        lab = new Lab();
        lab.listen(node, "tcp:22", "tcp:80", "tcp:8080", "udp:5353");
        lab.listen(ext, "tcp:80", "tcp:9000", "udp:53");
        lab.listen(far, "tcp:80");
        lab.listen(pod, "tcp:8080");
    }

    @AfterAll
    static void teardown() {
        if (lab != null) {
            lab.close();
        }
        for (NetNs ns : new NetNs[] {node, ext, far, pod}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    private DataplaneBackend driver;

    @BeforeEach
    void freshDriver() {
        Lab.Backend.clear(node);
        driver = backend.create(node);
        reconciler = new Reconciler(driver);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private List<HostInterface> interfaces() {
        return new IpInterfaceWatcher(new ProcessCommandRunner(), node.name(), Duration.ofSeconds(1), i -> { }).read();
    }

    private void apply(NodeState state) {
        SyncResult result = reconciler.sync(state, interfaces());
        assertThat(result.error()).isNull();
    }

    /** Real packets raise the counter of the rule that judged them, and only that rule's, read from a listing. */
    @Test
    void ruleCountersCountThePacketsEachPolicyRuleJudged() throws Exception {
        // nftables' counters, whichever backend this run is about: the counters are read from the nft table
        try (DataplaneBackend counting = Lab.backend(node)) {
            Reconciler counted = new Reconciler(counting);
            assertThat(counted.sync(state(1, config(), policy("web", List.of(toPort(Action.Deny, TCP, 8080),
                            toPortFrom(Action.Allow, TCP, 80, "198.18.0.0/24")), List.of()),
                    hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web")))), interfaces()).error()).isNull();

            assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");
            List<RuleCounter> first = counting.ruleCounters(counting.readKernel());
            RuleCounter allow = rule(first, 1);
            assertThat(allow).isEqualTo(new RuleCounter("default", "gnp/web", "ingress", 1, "Allow", allow.packets(), allow.bytes()));
            assertThat(allow.packets()).as("the SYN of the connection (later packets are established)").isPositive();
            assertThat(allow.bytes()).isGreaterThanOrEqualTo(allow.packets() * 40);
            assertThat(rule(first, 0).packets()).as("nothing reached the deny rule yet").isZero();

            assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");
            assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).isEqualTo("timeout");
            List<RuleCounter> second = counting.ruleCounters(counting.readKernel());
            assertThat(rule(second, 1).packets()).as("a second connection").isGreaterThan(allow.packets());
            assertThat(rule(second, 0).packets()).as("the dropped SYN and its retransmissions").isPositive();
            assertThat(second).extracting(RuleCounter::direction).containsOnly("ingress");
        }
    }

    private static RuleCounter rule(List<RuleCounter> counters, int index) {
        return counters.stream().filter(c -> c.policy().equals("gnp/web") && c.rule() == index).findFirst()
                .orElseThrow(() -> new AssertionError("no counter for rule " + index + " in " + counters));
    }

    @Test
    void ipv6PacketsAreJudgedByTheSameRulesAndIpSets() {
        apply(state(1, config(), ipSet("trusted", EXT_IP6 + "/128", "198.18.200.0/24"),
                policy("web", List.of(toPortFromSet(Action.Allow, TCP, 80, "trusted"),
                        toPortFrom(Action.Allow, TCP, 8080, "2001:db8:0:1::/64")), List.of()),
                hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web")))));

        assertThat(lab.probe(ext, "tcp", NODE_IP6, 80)).as("source in the set's IPv6 half").isEqualTo("open");
        assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).as("IPv4 source not in the set").isEqualTo("timeout");
        assertThat(lab.probe(ext, "tcp", NODE_IP6, 8080)).as("source in the rule's IPv6 net").isEqualTo("open");
        assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("an IPv6-only rule has no IPv4 half").isEqualTo("timeout");
        assertThat(lab.probe(ext, "udp", NODE_IP6, 5353)).as("end-of-tier deny").isEqualTo("timeout");
        assertThat(lab.probe(ext, "tcp", NODE_IP6, 22)).as("failsafe inbound over IPv6").isEqualTo("open");
        assertThat(lab.probe(node, "tcp", EXT_IP6, 9000)).as("egress default deny").isEqualTo("timeout");
        assertThat(lab.probe(node, "udp", EXT_IP6, 53)).as("failsafe outbound over IPv6").isEqualTo("open");

        apply(state(2, config(), ipSet("trusted", "2001:db8:0:9::/64"),
                policy("web", List.of(toPortFromSet(Action.Allow, TCP, 80, "trusted")), List.of()),
                hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web")))));
        assertThat(lab.probe(ext, "tcp", NODE_IP6, 80)).as("set member removed").isEqualTo("timeout");
    }

    /**
     * Addresses one link of the node for IPv6, routes the peer's 2001:db8::/32 through the node and pins both
     * neighbours: neighbour discovery is ICMPv6, which a deny-all HEP drops like any other packet.
     */
    private static void ipv6Link(String nodeIf, String nodeIp, NetNs peer, String peerIp) {
        node.addAddress(nodeIf, nodeIp + "/64");
        peer.addAddress("eth0", peerIp + "/64");
        node.ip("-6", "neigh", "replace", peerIp, "lladdr", mac(peer, "eth0"), "dev", nodeIf, "nud", "permanent");
        peer.ip("-6", "neigh", "replace", nodeIp, "lladdr", mac(node, nodeIf), "dev", "eth0", "nud", "permanent");
        peer.ip("-6", "route", "add", "2001:db8::/32", "via", nodeIp);
    }

    private static String mac(NetNs ns, String iface) {
        String json = ns.ip("-j", "link", "show", "dev", iface).requireSuccess().stdout();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"address\":\"([0-9a-f:]{17})\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no MAC address for " + iface + " in " + json);
        }
        return m.group(1);
    }

    @Test
    void dnatedHostTrafficIsJudgedByEgressPolicyInManglePostroutingOnItsRealDestination() {
        apply(state(1, config(), policy("out", List.of(), List.of(toPort(Action.Allow, TCP, 9000))),
                hep("hep-eth0", "eth0", egress(tier("default", "gnp/out")))));
        assertThat(lab.probe(node, "tcp", SERVICE_IP, 30081)).as("DNAT'd to ext:9000, allowed").isEqualTo("open");
        assertThat(lab.probe(node, "tcp", EXT_IP, 80)).as("not DNAT'd, denied in filter output").isEqualTo("timeout");

        apply(state(2, config(), policy("out", List.of(), List.of(toPort(Action.Allow, TCP, 80))),
                hep("hep-eth0", "eth0", egress(tier("default", "gnp/out")))));
        assertThat(lab.probe(node, "tcp", EXT_IP, 80)).isEqualTo("open");
        assertThat(lab.probe(node, "tcp", SERVICE_IP, 30081)).as("DNAT'd to ext:9000, denied").isEqualTo("timeout");
        if (backend == Lab.Backend.NFTABLES) {
            String mangle = node.exec("nft", "list", "chain", "inet", "palisade", "mangle-th-eth0").requireSuccess().stdout();
            assertThat(mangle).as("the drop was mangle postrouting's end-of-tier deny")
                    .containsPattern("counter packets [1-9][0-9]* bytes [0-9]+ drop");
        } else {
            String mangle = node.exec(backend.iptables(4, "save"), "-c", "-t", "mangle").requireSuccess().stdout();
            assertThat(mangle).as("the drop was mangle postrouting's end-of-tier deny")
                    .containsPattern("\\[[1-9][0-9]*:[0-9]+\\] -A palisade-th-eth0 -m mark --mark 0x0/0x20000 .*-j DROP");
        }

        // with Reject as deny action, filter output rejects while mangle postrouting, which cannot, drops
        NodeConfigEntry rejecting = new NodeConfigEntry(config().failsafeInbound(), config().failsafeOutbound(),
                config().interfacePrefixes(), config().interfaceExcludes(), config().filterAllowAction(),
                config().mangleAllowAction(), NodeConfigEntry.DenyAction.Reject, config().conntrackInvalidDrop(),
                config().defaultEndpointToHostAction(), config().logPrefix(), config().chainInsertMode(),
                config().refreshIntervalSeconds(), config().nftablesMode());
        apply(state(3, rejecting, policy("out", List.of(), List.of(toPort(Action.Deny, TCP, 9000))),
                hep("hep-eth0", "eth0", egress(tier("default", "gnp/out")))));
        assertThat(lab.probe(node, "tcp", EXT_IP, 9000)).as("rejected in filter output").isEqualTo("refused");
        assertThat(lab.probe(node, "tcp", SERVICE_IP, 30081)).as("dropped in mangle postrouting").isEqualTo("timeout");
    }

    @Test
    void namedHepWithoutPolicyDeniesAllButFailsafeAndLeavesOtherInterfacesAlone() {
        apply(state(1, config(), hep("hep-eth0", "eth0", PolicyLists.EMPTY)));

        assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("timeout");
        assertThat(lab.probe(ext, "udp", NODE_IP, 5353)).isEqualTo("timeout");
        assertThat(lab.probe(ext, "tcp", NODE_IP, 22)).as("failsafe inbound tcp:22").isEqualTo("open");
        assertThat(lab.probe(node, "tcp", EXT_IP, 9000)).as("egress default deny").isEqualTo("timeout");
        assertThat(lab.probe(node, "udp", EXT_IP, 53)).as("failsafe outbound udp:53").isEqualTo("open");
        assertThat(lab.probe(far, "tcp", NODE_IP_ETH1, 80)).as("eth1 has no HEP: not policed").isEqualTo("open");
        assertThat(node.exec("nft", "list", "table", "ip", "kubeproxy").exitCode()).as("foreign table kept").isZero();
    }

    @Test
    void failsafeSshStaysOpenUnderDenyAll() {
        apply(state(1, config(), policy("deny-all", List.of(RuleEntry.of(Action.Deny)), List.of()),
                hep("hep-eth0", "eth0", ingress(tier("default", "gnp/deny-all")), "projectcalico-default-allow"),
                defaultAllow()));

        assertThat(lab.probe(ext, "tcp", NODE_IP, 22)).isEqualTo("open");
        assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("timeout");
        assertThat(lab.probe(node, "tcp", EXT_IP, 9000)).as("egress: no policy, default-allow profile").isEqualTo("open");
    }

    @Test
    void defaultAllowProfileAllowsWhenNoPolicyApplies() {
        apply(state(1, config(), defaultAllow(), hep("hep-eth0", "eth0", PolicyLists.EMPTY, "projectcalico-default-allow")));

        assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");
        assertThat(lab.probe(ext, "udp", NODE_IP, 5353)).isEqualTo("open");
        assertThat(lab.probe(node, "tcp", EXT_IP, 9000)).isEqualTo("open");
    }

    @Test
    void allowPolicyWithIpSetAndEndOfTierDeny() {
        apply(state(1, config(), ipSet("ext", EXT_IP + "/32"),
                policy("web", List.of(toPortFromSet(Action.Allow, TCP, 80, "ext"),
                        toPortFrom(Action.Allow, UDP, 5353, "198.18.7.0/24")), List.of(RuleEntry.of(Action.Allow))),
                hep("hep-eth0", "eth0", both(List.of(tier("default", "gnp/web")), List.of(tier("default", "gnp/web"))))));

        assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");
        assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("end of tier deny").isEqualTo("timeout");
        assertThat(lab.probe(ext, "udp", NODE_IP, 5353)).as("source not in 198.18.7.0/24").isEqualTo("timeout");
        assertThat(lab.probe(node, "tcp", EXT_IP, 9000)).isEqualTo("open");

        // the set changes by element: the ext address leaves it
        apply(state(2, config(), ipSet("ext", "198.18.9.9/32"),
                policy("web", List.of(toPortFromSet(Action.Allow, TCP, 80, "ext"),
                        toPortFrom(Action.Allow, UDP, 5353, "198.18.7.0/24")), List.of(RuleEntry.of(Action.Allow))),
                hep("hep-eth0", "eth0", both(List.of(tier("default", "gnp/web")), List.of(tier("default", "gnp/web"))))));
        assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("timeout");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void preDnatPolicyGuardsTheNodePortByOriginalDestination(Family ip) {
        PolicyLists nodePort = ingress(passTier("default", "gnp/nodeport"));
        apply(state(1, config(),
                policy("nodeport", List.of(toPortFrom(Action.Allow, TCP, 30080, ip.host(ip.ext)),
                        toPort(Action.Deny, TCP, 30080)), List.of()),
                hep("hep-eth0", "eth0", null, nodePort, PolicyLists.EMPTY, null),
                hep("hep-eth1", "eth1", null, nodePort, PolicyLists.EMPTY, null)));

        assertThat(lab.probe(ext, "tcp", ip.node, 30080)).as("allowed source reaches the pod").isEqualTo("open");
        assertThat(lab.probe(far, "tcp", ip.nodeEth1, 30080)).as("other source denied before DNAT").isEqualTo("timeout");
        assertThat(lab.probe(far, "tcp", ip.pod, 8080)).as("pod direct: forward, no forward policy").isEqualTo("open");
        assertThat(lab.probe(ext, "tcp", ip.node, 80)).as("host traffic: normal default deny").isEqualTo("timeout");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void doNotTrackNeedsSymmetricRulesAndDeniesBeforeNormalPolicy(Family ip) {
        RuleEntry in = toPort(Action.Allow, UDP, 5353);
        RuleEntry out = fromPort(Action.Allow, UDP, 5353);
        var web = policy("web", List.of(toPort(Action.Allow, TCP, 8080)), List.of());
        PolicyLists normal = ingress(tier("default", "gnp/web"));
        apply(state(1, config(), web, policy("dnt", List.of(in, toPort(Action.Deny, TCP, 8080)), List.of(out)),
                hep("hep-eth0", "eth0", both(List.of(passTier("default", "gnp/dnt")), List.of(passTier("default", "gnp/dnt"))),
                        null, normal, null)));
        assertThat(lab.probe(ext, "udp", ip.node, 5353)).as("symmetric untracked allow").isEqualTo("open");
        assertThat(lab.probe(ext, "tcp", ip.node, 8080)).as("untracked deny before the normal allow").isEqualTo("timeout");
        assertThat(lab.probe(ext, "tcp", ip.node, 80)).as("normal policy: end of tier deny").isEqualTo("timeout");

        apply(state(2, config(), web, policy("dnt", List.of(in), List.of()),
                hep("hep-eth0", "eth0", ingress(passTier("default", "gnp/dnt")), null, normal, null)));
        assertThat(lab.probe(ext, "udp", ip.node, 5353)).as("reply is untracked-new and denied").isEqualTo("timeout");
        assertThat(lab.probe(ext, "tcp", ip.node, 8080)).as("no untracked deny: the normal allow").isEqualTo("open");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void forwardedTrafficOnlyFollowsApplyOnForwardPolicy(Family ip) {
        var web9000 = policy("fw", List.of(toPort(Action.Allow, TCP, 9000)), List.of());
        apply(state(1, config(), web9000, defaultAllow(),
                hep("hep-eth1", "eth1", ingress(tier("default", "gnp/fw")), "projectcalico-default-allow")));
        assertThat(lab.probe(far, "tcp", ip.ext, 80)).as("normal policy never affects forwarding").isEqualTo("open");

        apply(state(2, config(), web9000, defaultAllow(),
                hep("hep-eth1", "eth1", null, null, ingress(tier("default", "gnp/fw")), ingress(tier("default", "gnp/fw")))));
        assertThat(lab.probe(far, "tcp", ip.ext, 9000)).isEqualTo("open");
        assertThat(lab.probe(far, "tcp", ip.ext, 80)).as("applyOnForward: end of tier deny").isEqualTo("timeout");
    }

    @Test
    void rejectedTransactionLeavesTheOldRulesInForce() {
        apply(state(1, config(), policy("web", List.of(toPort(Action.Allow, TCP, 80)), List.of()),
                hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web")))));
        assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).isEqualTo("open");

        RuleEntry bad = new RuleEntry(Action.Allow, null, TCP, null, null, null, null,
                new RuleEntry.PeerMatch(null, null, null, null, List.of(new PortRange(9000, 8000)), null, null, null));
        SyncResult refused = reconciler.sync(state(2, config(),
                policy("web", List.of(toPort(Action.Allow, TCP, 8080), bad), List.of()),
                hep("hep-eth0", "eth0", ingress(tier("default", "gnp/web")))), interfaces());

        assertThat(refused.error()).contains("refused");
        assertThat(reconciler.needsFullSync()).isTrue();
        assertThat(lab.probe(ext, "tcp", NODE_IP, 80)).as("old rule still there").isEqualTo("open");
        assertThat(lab.probe(ext, "tcp", NODE_IP, 8080)).as("new rule never applied").isEqualTo("timeout");
    }

    @Test
    void interfaceCreatedLaterIsGovernedAndFlushedTableIsRestored() throws Exception {
        List<DataplaneStatus> statuses = new CopyOnWriteArrayList<>();
        try (NetNs late = NetNs.create("late");
             DriverLoop loop = new DriverLoop(NODE, backend.watched(node), Duration.ofSeconds(1), statuses::add);
             IpInterfaceWatcher watcher = new IpInterfaceWatcher(new ProcessCommandRunner(), node.name(),
                     Duration.ofMillis(300), loop::interfaces)) {
            loop.desired(state(7, config(), hep("hep-eth2", "eth2", PolicyLists.EMPTY)));
            watcher.start();
            loop.start();
            await(() -> statuses.stream().anyMatch(s -> s.enforcedRevision() == 7), "revision 7 enforced");

            node.veth("eth2", late, "eth0");
            node.addAddress("eth2", "198.18.3.1/24");
            late.addAddress("eth0", "198.18.3.2/24");
            await(() -> "timeout".equals(lab.probe(late, "tcp", "198.18.3.1", 80)), "eth2 governed by hep-eth2");
            assertThat(lab.probe(late, "tcp", "198.18.3.1", 22)).isEqualTo("open");

            // a full read and comparison of the healthy table (quiet tables are read every few intervals)
            long comparisons = loop.metrics().driftComparisons();
            await(() -> loop.metrics().driftComparisons() > comparisons, "the healthy table read and compared");
            assertThat(loop.metrics().driftRepairs()).as("no repair of a table nobody touched").isZero();
            long repairsBefore = loop.metrics().driftRepairs();
            backend.vandalise(node);
            await(() -> loop.metrics().driftRepairs() > repairsBefore, "drift repaired");
            await(() -> "timeout".equals(lab.probe(late, "tcp", "198.18.3.1", 80)), "rules restored");
            assertThat(statuses.getLast().lastError()).isNull();

            if (backend != Lab.Backend.NFTABLES) {
                return; // the iptables backend's failsafe ports are rules, not set elements
            }
            // one element swapped for another: same count, still drift
            long repairsAfterFlush = loop.metrics().driftRepairs();
            node.exec("nft", "delete element inet palisade fs-in { tcp . 22 }; add element inet palisade fs-in { tcp . 2222 }")
                    .requireSuccess();
            await(() -> loop.metrics().driftRepairs() > repairsAfterFlush, "element drift repaired");
            await(() -> node.exec("nft", "list", "set", "inet", "palisade", "fs-in").stdout().contains("tcp . 22 "),
                    "failsafe element restored");
            assertThat(node.exec("nft", "list", "set", "inet", "palisade", "fs-in").stdout()).doesNotContain("2222");
        }
    }

    private void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what + "\n"
                        + backend.listing(node));
            }
            Thread.sleep(100);
        }
    }
}
