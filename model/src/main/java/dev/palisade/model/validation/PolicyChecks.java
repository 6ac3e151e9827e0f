package dev.palisade.model.validation;

import dev.palisade.model.resource.GlobalNetworkPolicySpec;
import dev.palisade.model.resource.NetworkPolicySpec;
import dev.palisade.model.resource.PolicySpec;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.ProfileSpec;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** GlobalNetworkPolicy, NetworkPolicy and Profile specs (spec §1.2, §1.3, §1.5, §2). */
final class PolicyChecks {

    private static final String ASSUME_NEEDED_ON_EVERY_NODE = "AssumeNeededOnEveryNode";

    private PolicyChecks() {
    }

    static void globalPolicy(GlobalNetworkPolicySpec spec, Problems problems) {
        common(spec, true, problems);
        SelectorChecks.withoutGlobal("spec.namespaceSelector", spec.namespaceSelector(), problems);
        if (spec.preDNAT() && spec.doNotTrack()) {
            problems.add("spec.preDNAT", "preDNAT and doNotTrack cannot both be true");
        }
        if (spec.preDNAT() && !spec.egress().isEmpty()) {
            problems.add("spec.egress", "preDNAT policy cannot have any egress rules");
        }
        if (spec.preDNAT() && spec.effectiveTypes().contains(PolicyType.Egress)) {
            problems.add("spec.types", "preDNAT policy cannot have 'Egress' type");
        }
        if ((spec.preDNAT() || spec.doNotTrack()) && !spec.applyOnForward()) {
            problems.add("spec.applyOnForward", "applyOnForward must be true if either preDNAT or doNotTrack is true");
        }
    }

    static void networkPolicy(NetworkPolicySpec spec, Problems problems) {
        common(spec, false, problems);
    }

    static void profile(ProfileSpec spec, Problems problems) {
        RuleChecks.rules("spec.ingress", spec.ingress(), new RuleContext(false, true), problems);
        RuleChecks.rules("spec.egress", spec.egress(), new RuleContext(true, true), problems);
        MetadataChecks.labels("spec.labelsToApply", spec.labelsToApply(), problems);
    }

    private static void common(PolicySpec spec, boolean clusterScoped, Problems problems) {
        if (spec.tier() != null && !spec.tier().isEmpty()) {
            problems.addIfPresent("spec.tier", Names.dnsLabel(spec.tier()));
        }
        SelectorChecks.withoutGlobal("spec.selector", spec.selector(), problems);
        SelectorChecks.withoutGlobal("spec.serviceAccountSelector", spec.serviceAccountSelector(), problems);
        types(spec.types(), problems);
        RuleChecks.rules("spec.ingress", spec.ingress(), new RuleContext(false, clusterScoped), problems);
        RuleChecks.rules("spec.egress", spec.egress(), new RuleContext(true, clusterScoped), problems);
        List<String> hints = spec.performanceHints();
        for (int i = 0; i < hints.size(); i++) {
            if (!ASSUME_NEEDED_ON_EVERY_NODE.equals(hints.get(i))) {
                problems.add(Problems.index("spec.performanceHints", i),
                        "invalid performance hint (the only one is " + ASSUME_NEEDED_ON_EVERY_NODE + ")");
            }
        }
    }

    private static void types(List<PolicyType> types, Problems problems) {
        Set<PolicyType> seen = EnumSet.noneOf(PolicyType.class);
        for (int i = 0; i < types.size(); i++) {
            PolicyType type = types.get(i);
            String at = Problems.index("spec.types", i);
            if (type == null) {
                problems.add(at, "type must be Ingress or Egress");
            } else if (!seen.add(type)) {
                problems.add(at, "'" + type + "' type specified more than once");
            }
        }
    }
}
