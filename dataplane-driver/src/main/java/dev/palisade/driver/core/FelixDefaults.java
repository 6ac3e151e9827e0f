package dev.palisade.driver.core;

import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.NodeConfigEntry.FailsafePort;

import java.util.List;

/** Felix's built-in settings (spec §1.8), in force while the calculator has sent no {@code config} entry. */
public final class FelixDefaults {

    private static final List<Integer> SHARED_TCP = List.of(179, 2379, 2380, 5473, 6443, 6666, 6667);

    public static final NodeConfigEntry CONFIG = new NodeConfigEntry(
            ports(new FailsafePort("tcp", 22, null), new FailsafePort("udp", 68, null)),
            ports(new FailsafePort("udp", 53, null), new FailsafePort("udp", 67, null)),
            List.of("cali"), List.of("kube-ipvs0"),
            NodeConfigEntry.AllowAction.Accept, NodeConfigEntry.AllowAction.Accept, NodeConfigEntry.DenyAction.Drop,
            true, "Drop", "calico-packet", "insert", 10);

    private FelixDefaults() {
    }

    private static List<FailsafePort> ports(FailsafePort first, FailsafePort second) {
        List<FailsafePort> all = new java.util.ArrayList<>(List.of(first, second));
        SHARED_TCP.forEach(p -> all.add(new FailsafePort("tcp", p, null)));
        return List.copyOf(all);
    }
}
