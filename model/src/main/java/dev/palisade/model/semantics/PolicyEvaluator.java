package dev.palisade.model.semantics;

import dev.palisade.model.resource.Action;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.PolicyType;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.resource.TierSpec.TierAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Steps 4 to 6 of the per-packet algorithm (spec §4.5): tiers in order, policies in order, rules in order;
 * Allow and Deny end everything, Pass leaves the tier, Log only records; a Deny-default tier that nobody
 * passed denies at its end. Profiles are reached only when every tier passed (or none applied).
 */
final class PolicyEvaluator {

    private final World world;
    private final RuleMatcher rules;

    PolicyEvaluator(World world) {
        this.world = world;
        this.rules = new RuleMatcher(world);
    }

    /** ALLOW or DENY with the deciding rule, or CONTINUE ({@link Decision.NoVerdict}) when every tier passed. */
    Judgement tiers(List<TierGroup> tiers, PolicyType direction, Packet p) {
        String dir = direction(direction);
        List<Decision.PolicyRule> logged = new ArrayList<>();
        for (TierGroup tier : tiers) {
            Optional<Decision.PolicyRule> decided = tier(tier, direction, p, logged);
            if (decided.isPresent() && decided.get().action() != Action.Pass) {
                return new Judgement(result(decided.get().action()), decided.get(), logged);
            }
            if (decided.isEmpty() && tier.defaultAction() == TierAction.Deny) {
                return new Judgement(Step.Result.DENY, new Decision.EndOfTier(tier.tier(), dir), logged);
            }
        }
        return new Judgement(Step.Result.CONTINUE, new Decision.NoVerdict(dir, tiers.size()), logged);
    }

    /** The first Allow, Deny or Pass rule that matched in the tier, or empty when none did. */
    private Optional<Decision.PolicyRule> tier(TierGroup tier, PolicyType direction, Packet p,
                                               List<Decision.PolicyRule> logged) {
        String dir = direction(direction);
        for (GlobalNetworkPolicy policy : tier.policies()) {
            String name = policy.metadata().name();
            List<Rule> list = direction == PolicyType.Ingress ? policy.spec().ingress() : policy.spec().egress();
            OptionalInt hit = firstDecisive(list, p, () -> "GlobalNetworkPolicy " + name + " spec." + dir,
                    i -> logged.add(new Decision.PolicyRule("GlobalNetworkPolicy", name, tier.tier(), dir, i,
                            Action.Log)));
            if (hit.isPresent()) {
                int i = hit.getAsInt();
                return Optional.of(new Decision.PolicyRule("GlobalNetworkPolicy", name, tier.tier(), dir, i,
                        list.get(i).action()));
            }
        }
        return Optional.empty();
    }

    /** Steps 5 and 6: the endpoint's profiles in order (Pass or no match: next profile), then deny. */
    Judgement profiles(HostEndpoint hep, PolicyType direction, Packet p) {
        String dir = direction(direction);
        List<Decision.PolicyRule> logged = new ArrayList<>();
        for (String name : hep.spec().profiles()) {
            Optional<Profile> profile = world.profile(name);
            if (profile.isEmpty()) {
                return new Judgement(Step.Result.DENY, new Decision.MissingProfile(name, dir), logged);
            }
            List<Rule> list = direction == PolicyType.Ingress
                    ? profile.get().spec().ingress() : profile.get().spec().egress();
            OptionalInt hit = firstDecisive(list, p, () -> "Profile " + name + " spec." + dir,
                    i -> logged.add(new Decision.PolicyRule("Profile", name, "", dir, i, Action.Log)));
            if (hit.isPresent() && list.get(hit.getAsInt()).action() != Action.Pass) {
                Action action = list.get(hit.getAsInt()).action();
                return new Judgement(result(action), new Decision.ProfileRule(name, dir, hit.getAsInt(), action),
                        logged);
            }
        }
        return new Judgement(Step.Result.DENY, new Decision.NoProfileMatched(dir, hep.spec().profiles()), logged);
    }

    /**
     * Index of the first matching rule that is not Log; matching Log rules are reported on the way.
     * {@code where} names the list for errors only, so it is not built for every rule of every packet.
     */
    private OptionalInt firstDecisive(List<Rule> list, Packet p, Supplier<String> where, IntConsumer onLog) {
        for (int i = 0; i < list.size(); i++) {
            int index = i;
            if (rules.matches(list.get(i), p, () -> where.get() + "[" + index + "]")) {
                if (list.get(i).action() != Action.Log) {
                    return OptionalInt.of(i);
                }
                onLog.accept(i);
            }
        }
        return OptionalInt.empty();
    }

    private static Step.Result result(Action action) {
        return action == Action.Allow ? Step.Result.ALLOW : Step.Result.DENY;
    }

    static String direction(PolicyType direction) {
        return direction.name().toLowerCase(Locale.ROOT);
    }
}
