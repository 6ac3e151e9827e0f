package dev.palisade.model.semantics;

import dev.palisade.model.net.IpFamily;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.PolicyType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reference evaluator: one packet in, verdict and explanation out (spec §4). It walks the hooks a packet
 * meets on its node, in order — raw (untracked policy), mangle PREROUTING (pre-DNAT policy), DNAT, then
 * filter INPUT, OUTPUT or FORWARD — and stops at the first drop. Which hooks a flow meets is spec §4.6:
 * host-bound, host-originated, forwarded, to and from local workloads; workload endpoint policy itself is
 * not simulated and counts as allowing.
 */
public final class Simulator {

    private final World world;
    private final HookGovernance governance;
    private final ApplicablePolicies applicable;
    private final PolicyEvaluator evaluator;

    public Simulator(World world) {
        this.world = world;
        this.governance = new HookGovernance(world);
        this.applicable = new ApplicablePolicies(world);
        this.evaluator = new PolicyEvaluator(world);
    }

    /** @throws InvalidPacketException when the packet's node is unknown */
    public Verdict simulate(Packet packet) {
        if (!world.hasNode(packet.node())) {
            throw new InvalidPacketException("node", "unknown node \"" + packet.node()
                    + "\": no Node resource or host endpoint names it");
        }
        return new Walk(packet).run();
    }

    /** One packet's way through the hooks; {@code acceptedAt} remembers an untracked or pre-DNAT accept. */
    private final class Walk {
        private final Packet original;
        private final FelixSettings felix;
        private final List<Step> trace = new ArrayList<>();
        private Stage acceptedAt;

        Walk(Packet original) {
            this.original = original;
            this.felix = world.felixSettings(original.node());
        }

        Verdict run() {
            boolean go = original.fromHost()
                    ? record(Stage.UNTRACKED_EGRESS, original.out(),
                            untracked(Stage.UNTRACKED_EGRESS, original.out(), PolicyType.Egress))
                    : record(Stage.UNTRACKED_INGRESS, original.in(),
                            untracked(Stage.UNTRACKED_INGRESS, original.in(), PolicyType.Ingress))
                    && record(Stage.PRE_DNAT_INGRESS, original.in(), preDnat());
            Packet p = original.afterDnat();
            if (go && original.dnatTo() != null) {
                trace.add(new Step(Stage.DNAT, null, null, Step.Result.CONTINUE,
                        new Decision.Translated(destination(p)), List.of()));
            }
            if (go) {
                if (p.toHost()) {
                    hostBound(p);
                } else if (p.fromHost()) {
                    hostOriginated(p);
                } else {
                    forwarded(p);
                }
            }
            return verdict();
        }

        private void hostBound(Packet p) {
            if (isWorkload(p.in())) {
                record(Stage.WORKLOAD_EGRESS, p.in(), Governed.none(Step.Result.CONTINUE,
                        new Decision.WorkloadPolicyNotModelled(p.in())));
                record(Stage.ENDPOINT_TO_HOST, p.in(), Governed.none(endpointToHost(p)));
            } else {
                record(Stage.NORMAL_INGRESS, p.in(), normal(p, p.in(), PolicyType.Ingress));
            }
        }

        private void hostOriginated(Packet p) {
            if (isWorkload(p.out())) {
                record(Stage.HOST_TO_WORKLOAD, p.out(), Governed.none(Step.Result.CONTINUE, new Decision.HostToWorkload()));
            } else {
                record(Stage.NORMAL_EGRESS, p.out(), normal(p, p.out(), PolicyType.Egress));
            }
        }

        /** FORWARD: HEP ingress-forward (unless accepted earlier), workload policy, then HEP egress-forward. */
        private void forwarded(Packet p) {
            boolean go = record(Stage.FORWARD_INGRESS, p.in(), acceptedAt != null
                    ? Governed.none(Step.Result.SKIP, new Decision.AcceptedEarlier(acceptedAt))
                    : forward(p, p.in(), PolicyType.Ingress));
            if (go && isWorkload(p.in())) {
                go = record(Stage.WORKLOAD_EGRESS, p.in(), Governed.none(Step.Result.CONTINUE,
                        new Decision.WorkloadPolicyNotModelled(p.in())));
            }
            if (go && isWorkload(p.out())) {
                go = record(Stage.WORKLOAD_INGRESS, p.out(), Governed.none(Step.Result.CONTINUE,
                        new Decision.WorkloadPolicyNotModelled(p.out())));
            }
            if (go) {
                record(Stage.FORWARD_EGRESS, p.out(), forward(p, p.out(), PolicyType.Egress));
            }
        }

        /** raw table: named endpoints' untracked policy, per packet, no conntrack; failsafes let packets on. */
        private Governed untracked(Stage stage, String iface, PolicyType direction) {
            Optional<Governor> gov = governance.named(original.node(), iface);
            if (gov.isEmpty()) {
                return governance.wildcard(original.node())
                        .map(w -> new Governed(Optional.of(w), Judgement.of(Step.Result.CONTINUE,
                                new Decision.UntrackedIgnoredForWildcard(w.name()))))
                        .orElseGet(() -> notGoverned(iface));
            }
            List<TierGroup> tiers = applicable.tiers(gov.get().hostEndpoint(), PolicyList.UNTRACKED, direction);
            if (tiers.isEmpty()) {
                return new Governed(gov, Judgement.of(Step.Result.CONTINUE,
                        new Decision.NoVerdict(PolicyEvaluator.direction(direction), 0)));
            }
            Optional<Decision.Failsafe> failsafe = Failsafes.match(felix, direction, original, true);
            if (failsafe.isPresent()) {
                return new Governed(gov, Judgement.of(Step.Result.CONTINUE, failsafe.get()));
            }
            return new Governed(gov, acceptAt(stage, evaluator.tiers(tiers, direction, original)));
        }

        /** mangle PREROUTING, against the original destination; established flows bypass it. */
        private Governed preDnat() {
            if (acceptedAt != null) {
                return Governed.none(Step.Result.SKIP, new Decision.AcceptedEarlier(acceptedAt));
            }
            if (original.ct() == Packet.ConnState.ESTABLISHED) {
                return Governed.none(Step.Result.CONTINUE, new Decision.Established());
            }
            Optional<Governor> gov = governance.ofAnyInterface(original.node(), original.in());
            if (gov.isEmpty()) {
                return notGoverned(original.in());
            }
            List<TierGroup> tiers = applicable.tiers(gov.get().hostEndpoint(), PolicyList.PRE_DNAT, PolicyType.Ingress);
            if (tiers.isEmpty()) {
                return new Governed(gov, Judgement.of(Step.Result.CONTINUE, new Decision.NoVerdict("ingress", 0)));
            }
            if (invalid(original)) {
                return new Governed(gov, Judgement.of(Step.Result.DENY, new Decision.Invalid()));
            }
            Optional<Decision.Failsafe> failsafe = Failsafes.match(felix, PolicyType.Ingress, original, false);
            if (failsafe.isPresent()) {
                return new Governed(gov, Judgement.of(Step.Result.CONTINUE, failsafe.get()));
            }
            return new Governed(gov, acceptAt(Stage.PRE_DNAT_INGRESS,
                    evaluator.tiers(tiers, PolicyType.Ingress, original)));
        }

        /** filter INPUT/OUTPUT (§4.5): conntrack, failsafe, tiers, profiles, final deny. */
        private Governed normal(Packet p, String iface, PolicyType direction) {
            if (acceptedAt != null) {
                return Governed.none(Step.Result.SKIP, new Decision.AcceptedEarlier(acceptedAt));
            }
            Optional<Governor> gov = governance.ofHostInterface(p.node(), iface);
            if (gov.isEmpty()) {
                return notGoverned(iface);
            }
            Optional<Judgement> conntrack = conntrack(p);
            if (conntrack.isPresent()) {
                return new Governed(gov, conntrack.get());
            }
            Optional<Decision.Failsafe> failsafe = Failsafes.match(felix, direction, p, false);
            if (failsafe.isPresent()) {
                return new Governed(gov, Judgement.of(Step.Result.ALLOW, failsafe.get()));
            }
            HostEndpoint hep = gov.get().hostEndpoint();
            Judgement tiers = evaluator.tiers(applicable.tiers(hep, PolicyList.NORMAL, direction), direction, p);
            if (tiers.result() != Step.Result.CONTINUE) {
                return new Governed(gov, tiers);
            }
            return new Governed(gov, evaluator.profiles(hep, direction, p).withEarlierLogs(tiers.logged()));
        }

        /** filter FORWARD (§4.7): conntrack and the forward list only; no failsafe, no profiles. */
        private Governed forward(Packet p, String iface, PolicyType direction) {
            Optional<Governor> gov = governance.ofAnyInterface(p.node(), iface);
            if (gov.isEmpty()) {
                return notGoverned(iface);
            }
            Optional<Judgement> conntrack = conntrack(p);
            if (conntrack.isPresent()) {
                return new Governed(gov, conntrack.get());
            }
            HostEndpoint hep = gov.get().hostEndpoint();
            List<TierGroup> tiers = applicable.tiers(hep, PolicyList.FORWARD, direction);
            if (!tiers.isEmpty()) {
                return new Governed(gov, evaluator.tiers(tiers, direction, p));
            }
            PolicyType other = direction == PolicyType.Ingress ? PolicyType.Egress : PolicyType.Ingress;
            if (applicable.tiers(hep, PolicyList.FORWARD, other).isEmpty()) {
                return new Governed(gov, Judgement.of(Step.Result.ALLOW,
                        new Decision.ForwardDefaultAllow(hep.metadata().name())));
            }
            return new Governed(gov, Judgement.of(Step.Result.CONTINUE, new Decision.NoForwardPolicyThisDirection(
                    hep.metadata().name(), PolicyEvaluator.direction(direction))));
        }

        /** Workload to its own host: no host endpoint policy, only {@code defaultEndpointToHostAction}. */
        private Judgement endpointToHost(Packet p) {
            Optional<Judgement> conntrack = conntrack(p);
            if (conntrack.isPresent()) {
                return conntrack.get();
            }
            String action = felix.defaultEndpointToHostAction();
            var decision = new Decision.EndpointToHost(action);
            return switch (action.toLowerCase(Locale.ROOT)) {
                case "accept" -> Judgement.of(Step.Result.ALLOW, decision);
                case "return" -> Judgement.of(Step.Result.CONTINUE, decision);
                default -> Judgement.of(Step.Result.DENY, decision);
            };
        }

        private Optional<Judgement> conntrack(Packet p) {
            if (p.ct() == Packet.ConnState.ESTABLISHED) {
                return Optional.of(Judgement.of(Step.Result.ALLOW, new Decision.Established()));
            }
            if (invalid(p)) {
                return Optional.of(Judgement.of(Step.Result.DENY, new Decision.Invalid()));
            }
            return Optional.empty();
        }

        private boolean invalid(Packet p) {
            return p.ct() == Packet.ConnState.INVALID && !felix.disableConntrackInvalidCheck();
        }

        private Judgement acceptAt(Stage stage, Judgement j) {
            if (j.result() == Step.Result.ALLOW) {
                acceptedAt = stage;
            }
            return j;
        }

        private boolean isWorkload(String iface) {
            return !Packet.LOCAL.equals(iface) && felix.isWorkloadInterface(iface);
        }

        private Governed notGoverned(String iface) {
            return Governed.none(Step.Result.CONTINUE, new Decision.NotGoverned(iface));
        }

        /** Adds the step; true when the packet goes on. */
        private boolean record(Stage stage, String iface, Governed g) {
            Judgement j = g.judgement();
            trace.add(new Step(stage, iface, g.governor().map(Governor::name).orElse(null), j.result(),
                    j.decision(), j.logged()));
            return j.result() != Step.Result.DENY;
        }

        private Verdict verdict() {
            Step last = trace.getLast();
            if (last.result() == Step.Result.DENY) {
                return new Verdict(Verdict.Outcome.DENY, last, trace);
            }
            Step decidedBy = trace.stream().filter(s -> s.result() == Step.Result.ALLOW).findFirst().orElse(last);
            return new Verdict(Verdict.Outcome.ALLOW, decidedBy, trace);
        }
    }

    /** A stage's judgement with the host endpoint it was made for, if one governed. */
    private record Governed(Optional<Governor> governor, Judgement judgement) {

        /** For stages that involve no host endpoint. */
        static Governed none(Judgement j) {
            return new Governed(Optional.empty(), j);
        }

        static Governed none(Step.Result result, Decision decision) {
            return none(Judgement.of(result, decision));
        }
    }

    /** {@code ip}, {@code ip:port} or {@code [ipv6]:port}, as {@code dnatTo} is written. */
    private static String destination(Packet p) {
        if (p.dstPort() == null) {
            return p.dst().toString();
        }
        return (p.dst().family() == IpFamily.V6 ? "[" + p.dst() + "]" : p.dst().toString()) + ":" + p.dstPort();
    }
}
