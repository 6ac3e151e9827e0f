package dev.palisade.model.validation;

import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.LockoutGuardSpec;
import dev.palisade.model.resource.Rule;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A protected flow is checked as the Allow rule it describes, plus what makes it a probe: a unique name,
 * a protocol, exactly one side selecting the guarded hosts, and the other side naming its peer by nets.
 */
final class LockoutGuardChecks {

    private LockoutGuardChecks() {
    }

    static void check(LockoutGuardSpec spec, Problems problems) {
        List<LockoutGuardSpec.ProtectedFlow> flows = spec.protectedFlows();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < flows.size(); i++) {
            String path = Problems.index("spec.protectedFlows", i);
            LockoutGuardSpec.ProtectedFlow flow = flows.get(i);
            if (flow.name() == null || flow.name().isBlank()) {
                problems.add(path + ".name", "required");
            } else if (!names.add(flow.name())) {
                problems.add(path + ".name", "duplicate flow name \"" + flow.name() + "\"");
            }
            if (flow.protocol() == null) {
                problems.add(path + ".protocol", "required (a flow is probed with a concrete packet)");
            }
            boolean toHosts = !flow.destination().selector().isEmpty();
            boolean fromHosts = !flow.source().selector().isEmpty();
            if (toHosts == fromHosts) {
                problems.add(path, "give exactly one selector: destination.selector (traffic to the hosts) or "
                        + "source.selector (traffic from them)");
            } else {
                peer(path + (toHosts ? ".source" : ".destination"), toHosts ? flow.source() : flow.destination(),
                        problems);
            }
            RuleChecks.rule(path, new Rule(Action.Allow, null, flow.protocol(), null, null, null, flow.source(),
                    flow.destination(), null, null), new RuleContext(fromHosts, true), problems);
        }
    }

    private static void peer(String path, EntityRule peer, Problems problems) {
        if (peer.nets().isEmpty()) {
            problems.add(path + ".nets", "required: the peer of a protected flow is given by its addresses");
        }
    }
}
