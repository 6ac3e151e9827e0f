package dev.palisade.model.semantics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.palisade.model.resource.Action;

import java.util.List;
import java.util.Locale;

/** What settled a stage's outcome: a rule, a default, or a reason the stage had nothing to say. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(Decision.PolicyRule.class),
        @JsonSubTypes.Type(Decision.ProfileRule.class),
        @JsonSubTypes.Type(Decision.EndOfTier.class),
        @JsonSubTypes.Type(Decision.NoVerdict.class),
        @JsonSubTypes.Type(Decision.NoProfileMatched.class),
        @JsonSubTypes.Type(Decision.MissingProfile.class),
        @JsonSubTypes.Type(Decision.Failsafe.class),
        @JsonSubTypes.Type(Decision.Established.class),
        @JsonSubTypes.Type(Decision.Invalid.class),
        @JsonSubTypes.Type(Decision.NotGoverned.class),
        @JsonSubTypes.Type(Decision.UntrackedIgnoredForWildcard.class),
        @JsonSubTypes.Type(Decision.ForwardDefaultAllow.class),
        @JsonSubTypes.Type(Decision.NoForwardPolicyThisDirection.class),
        @JsonSubTypes.Type(Decision.AcceptedEarlier.class),
        @JsonSubTypes.Type(Decision.EndpointToHost.class),
        @JsonSubTypes.Type(Decision.HostToWorkload.class),
        @JsonSubTypes.Type(Decision.WorkloadPolicyNotModelled.class),
        @JsonSubTypes.Type(Decision.Translated.class)})
public sealed interface Decision {

    /** One line for a person. */
    String describe();

    /** Rule {@code ruleIndex} (from 0) of a policy's {@code ingress} or {@code egress} list matched. */
    @JsonTypeName("policy-rule")
    record PolicyRule(String kind, String name, String tier, String direction, int ruleIndex, Action action)
            implements Decision {
        @Override
        public String describe() {
            return kind + " " + name + " (tier " + tier + ") " + direction + " rule " + ruleIndex + ": " + action;
        }
    }

    @JsonTypeName("profile-rule")
    record ProfileRule(String profile, String direction, int ruleIndex, Action action) implements Decision {
        @Override
        public String describe() {
            return "Profile " + profile + " " + direction + " rule " + ruleIndex + ": " + action;
        }
    }

    /** A tier whose default action is Deny was reached by the packet and no policy in it decided. */
    @JsonTypeName("end-of-tier")
    record EndOfTier(String tier, String direction) implements Decision {
        @Override
        public String describe() {
            return "end of tier " + tier + " (" + direction + "): no policy allowed or passed the packet";
        }
    }

    /** Untracked and pre-DNAT policy had no verdict: the packet goes on to the next stage. */
    @JsonTypeName("no-verdict")
    record NoVerdict(String direction, int tiers) implements Decision {
        @Override
        public String describe() {
            return tiers == 0 ? "no applicable policy (" + direction + ")"
                    : "no policy gave a verdict (" + direction + ")";
        }
    }

    @JsonTypeName("no-profile-matched")
    record NoProfileMatched(String direction, List<String> profiles) implements Decision {
        public NoProfileMatched {
            profiles = profiles == null ? List.of() : List.copyOf(profiles);
        }

        @Override
        public String describe() {
            return profiles.isEmpty() ? "no policy and no profile decided (" + direction + "): deny"
                    : "no profile matched (" + direction + "; profiles " + String.join(", ", profiles) + ")";
        }
    }

    /** An endpoint names a profile that does not exist: Felix enforces it as deny-all. */
    @JsonTypeName("missing-profile")
    record MissingProfile(String profile, String direction) implements Decision {
        @Override
        public String describe() {
            return "profile " + profile + " does not exist, so it denies everything (" + direction + ")";
        }
    }

    /** {@code byReplyPort}: the raw table's extra entry accepting replies from a failsafe port. */
    @JsonTypeName("failsafe")
    record Failsafe(String direction, String protocol, int port, String net, String source, boolean byReplyPort)
            implements Decision {
        @Override
        public String describe() {
            return "failsafe " + direction + " " + protocol.toLowerCase(Locale.ROOT) + ":"
                    + (net == null ? "" : net + ":") + port + (byReplyPort ? " (source port of a reply)" : "")
                    + " from " + source;
        }
    }

    @JsonTypeName("established")
    record Established() implements Decision {
        @Override
        public String describe() {
            return "established connection (conntrack)";
        }
    }

    @JsonTypeName("invalid")
    record Invalid() implements Decision {
        @Override
        public String describe() {
            return "conntrack state INVALID";
        }
    }

    @JsonTypeName("not-governed")
    record NotGoverned(String interfaceName) implements Decision {
        @Override
        public String describe() {
            return "interface " + interfaceName + " is not governed by any host endpoint";
        }
    }

    /** Felix ignores untracked policy on an all-interfaces endpoint, so the raw table has nothing to apply. */
    @JsonTypeName("untracked-ignored-for-wildcard")
    record UntrackedIgnoredForWildcard(String hostEndpoint) implements Decision {
        @Override
        public String describe() {
            return "untracked policy is never applied to wildcard host endpoint " + hostEndpoint;
        }
    }

    /** The endpoint has no applyOnForward policy at all: Calico lets forwarded traffic through. */
    @JsonTypeName("forward-default-allow")
    record ForwardDefaultAllow(String hostEndpoint) implements Decision {
        @Override
        public String describe() {
            return "no applyOnForward policy applies to " + hostEndpoint + ": forwarded traffic allowed by default";
        }
    }

    /** applyOnForward policy exists only for the other direction: no Calico verdict, host FORWARD decides. */
    @JsonTypeName("no-forward-policy-this-direction")
    record NoForwardPolicyThisDirection(String hostEndpoint, String direction) implements Decision {
        @Override
        public String describe() {
            return hostEndpoint + " has applyOnForward policy only for the other direction: no Calico verdict ("
                    + direction + ")";
        }
    }

    /** Untracked or pre-DNAT policy accepted the packet, so this stage lets it through unexamined. */
    @JsonTypeName("accepted-earlier")
    record AcceptedEarlier(Stage stage) implements Decision {
        @Override
        public String describe() {
            return "already accepted at " + stage.id();
        }
    }

    /** {@code defaultEndpointToHostAction}: Drop, Accept or Return (Return leaves it to the host's rules). */
    @JsonTypeName("endpoint-to-host")
    record EndpointToHost(String action) implements Decision {
        @Override
        public String describe() {
            return "workload to own host: defaultEndpointToHostAction " + action;
        }
    }

    @JsonTypeName("host-to-workload")
    record HostToWorkload() implements Decision {
        @Override
        public String describe() {
            return "host to local workload: Calico applies no host endpoint policy";
        }
    }

    /** Workload endpoint policy is outside the simulator: treated as allowing. */
    @JsonTypeName("workload-policy-not-modelled")
    record WorkloadPolicyNotModelled(String interfaceName) implements Decision {
        @Override
        public String describe() {
            return "workload endpoint policy of " + interfaceName + " is not simulated (treated as allow)";
        }
    }

    @JsonTypeName("translated")
    record Translated(String to) implements Decision {
        @Override
        public String describe() {
            return "destination rewritten to " + to;
        }
    }
}
