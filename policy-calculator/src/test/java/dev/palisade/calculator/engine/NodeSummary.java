package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.EndpointEntry;
import dev.palisade.model.dataplane.EndpointEntry.PolicyLists;
import dev.palisade.model.dataplane.EndpointEntry.TierPolicies;
import dev.palisade.model.dataplane.IpSetEntry;
import dev.palisade.model.dataplane.NamedPortSetEntry;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.PolicyEntry;
import dev.palisade.model.dataplane.ProfileEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One sorted line per entry of a node's state, readable enough to write expectations by hand. */
final class NodeSummary {

    private NodeSummary() {
    }

    static List<String> of(Map<DataplaneKey, DataplaneEntry> state) {
        List<String> lines = new ArrayList<>();
        for (DataplaneEntry e : state.values()) {
            lines.add(line(e));
        }
        lines.sort(null);
        return lines;
    }

    private static String line(DataplaneEntry e) {
        return switch (e) {
            case EndpointEntry ep -> "endpoint " + ep.name() + lists("raw", ep.untracked()) + lists("pre", ep.preDnat())
                    + lists("", ep.normal()) + lists("fwd", ep.forward())
                    + (ep.profiles().isEmpty() ? "" : " profiles=" + ep.profiles());
            case PolicyEntry p -> "policy " + p.id();
            case ProfileEntry p -> "profile " + p.name() + (p.missing() ? " missing" : "");
            case IpSetEntry s -> "ipset " + s.selector() + " " + s.members();
            case NamedPortSetEntry s -> "portset " + s.selector() + " " + s.portName() + "/" + s.protocol() + " "
                    + s.members().stream().map(m -> m.ip() + ":" + m.protocol() + ":" + m.port()).toList();
            case NodeConfigEntry c -> "config in=" + c.failsafeInbound().size() + " out=" + c.failsafeOutbound().size();
            default -> e.toString();
        };
    }

    private static String lists(String prefix, PolicyLists l) {
        return tiers(prefix + "in", l.ingress()) + tiers(prefix + "out", l.egress());
    }

    private static String tiers(String name, List<TierPolicies> tiers) {
        if (tiers.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" ").append(name).append("=");
        for (TierPolicies t : tiers) {
            sb.append(t.tier()).append(t.endOfTier() == EndpointEntry.EndOfTier.Pass ? "(pass)" : "")
                    .append(t.policies());
        }
        return sb.toString();
    }
}
