package dev.palisade.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster of network namespaces built from a {@link TopologySpec}: every host's {@code eth0} is a port of
 * a bridge that lives in a namespace of its own (never the root namespace); pods sit behind
 * {@code cali…} veths with Calico-style routing (a /32 route on the node, proxy ARP, the pod's default
 * route on its link); NodePorts are DNAT rules in a table of their own in each node, as kube-proxy makes
 * them. Closing it stops every listener it started and deletes every namespace, as does a failed build.
 */
public final class Topology implements AutoCloseable {

    private static final String BRIDGE = "br0";
    private static final String UPLINK = "eth0";

    private final TopologySpec spec;
    private final List<NetNs> namespaces = new ArrayList<>();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();

    private Topology(TopologySpec spec) {
        this.spec = spec;
    }

    public static Topology build(TopologySpec spec) {
        Topology topology = new Topology(spec);
        try {
            topology.wire();
            return topology;
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    private void wire() {
        NetNs segment = own(NetNs.create("segment"));
        segment.ip("link", "add", BRIDGE, "type", "bridge");
        segment.ip("link", "set", BRIDGE, "up");
        for (TopologySpec.HostSpec h : spec.hosts()) {
            NetNs ns = own(NetNs.create(h.name()));
            String port = "p-" + h.name();
            ns.veth(UPLINK, segment, port);
            segment.ip("link", "set", port, "master", BRIDGE);
            ns.addAddress(UPLINK, h.ipv4() + "/" + spec.ipv4PrefixLength());
            if (h.ipv6() != null) {
                ns.addAddress(UPLINK, h.ipv6() + "/64");
            }
            hosts.put(h.name(), new Host(h.name(), ns, h.ipv4(), h.ipv6()));
        }
        spec.pods().forEach(this::wirePod);
        spec.nodePorts().forEach(this::wireNodePort);
    }

    private void wirePod(TopologySpec.PodSpec pod) {
        Host node = host(pod.node());
        NetNs ns = own(NetNs.create(pod.name()));
        node.ns().veth(pod.hostIf(), ns, UPLINK);
        ns.addAddress(UPLINK, pod.ipv4() + "/32");
        ns.ip("route", "add", "default", "dev", UPLINK);
        enableForwarding(node.ns());
        sysctl(node.ns(), "net.ipv4.conf." + pod.hostIf() + ".proxy_arp=1");
        // as Calico does: the kernel otherwise delays proxy ARP answers by up to 0.8 s, longer than a probe waits
        sysctl(node.ns(), "net.ipv4.neigh." + pod.hostIf() + ".proxy_delay=0");
        node.ns().ip("route", "add", pod.ipv4() + "/32", "dev", pod.hostIf());
        for (Host other : hosts.values()) {
            if (other != node) {
                other.ns().ip("route", "add", pod.ipv4() + "/32", "via", node.ipv4());
            }
        }
        hosts.put(pod.name(), new Host(pod.name(), ns, pod.ipv4(), null));
    }

    private void wireNodePort(TopologySpec.NodePortSpec nodePort) {
        Host pod = host(nodePort.pod());
        for (String nodeName : nodePort.nodes()) {
            NetNs ns = host(nodeName).ns();
            enableForwarding(ns);
            // NodePorts answer on the node's own addresses only; masquerade when the pod is elsewhere, so
            // replies come back through this node's conntrack
            String table = """
                    table ip kube-proxy-sim {
                      chain nodeports {
                        type nat hook prerouting priority dstnat; policy accept;
                        fib daddr type local %1$s dport %2$d dnat to %3$s:%4$d
                      }
                      chain returnpath {
                        type nat hook postrouting priority srcnat; policy accept;
                        ct status dnat oifname "%5$s" masquerade
                      }
                    }
                    """.formatted(nodePort.protocol().lower(), nodePort.port(), pod.ipv4(), nodePort.targetPort(), UPLINK);
            nft(ns, table);
        }
    }

    private NetNs own(NetNs ns) {
        namespaces.add(ns);
        return ns;
    }

    private static void enableForwarding(NetNs ns) {
        sysctl(ns, "net.ipv4.ip_forward=1");
    }

    private static void sysctl(NetNs ns, String setting) {
        ns.exec("sysctl", "-qw", setting).requireSuccess();
    }

    private static void nft(NetNs ns, String script) {
        try {
            Path file = Files.createTempFile(WorkDirs.newDir("nft"), "ruleset", ".nft");
            Files.writeString(file, script);
            ns.exec("nft", "-f", file.toString()).requireSuccess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TopologySpec spec() {
        return spec;
    }

    /** A host or pod by its name in the spec. */
    public Host host(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no host or pod named '" + name + "' in " + hosts.keySet());
        }
        return host;
    }

    /** Every namespace this topology made, the bridge's included. */
    public synchronized List<String> namespaceNames() {
        return namespaces.stream().map(NetNs::name).toList();
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** Starts a line-answering TCP service or a UDP echo on {@code host}; stopped on close. */
    public Listener listen(String host, Protocol protocol, int port) {
        return track(Listener.start(host(host).ns(), protocol, port));
    }

    /** Starts {@code python3 -m http.server PORT} on {@code host}; stopped on close. */
    public Listener httpServer(String host, int port) {
        return track(Listener.httpServer(host(host).ns(), port));
    }

    private synchronized Listener track(Listener listener) {
        listeners.add(listener);
        return listener;
    }

    /** Probes {@code to}'s IPv4 address from {@code from}. */
    public Reach probe(String from, String to, Protocol protocol, int port) {
        return Probe.send(host(from).ns(), protocol, host(to).ipv4(), port);
    }

    /** Probes {@code to}'s IPv6 address from {@code from}. */
    public Reach probe6(String from, String to, Protocol protocol, int port) {
        Host target = host(to);
        if (target.ipv6() == null) {
            throw new IllegalArgumentException(to + " has no IPv6 address");
        }
        return Probe.send(host(from).ns(), protocol, target.ipv6(), port);
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (Listener listener : listeners.reversed()) {
            try {
                listener.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        listeners.clear();
        for (NetNs ns : namespaces.reversed()) {
            try {
                ns.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        namespaces.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
