package dev.palisade.calculator.engine;

import dev.palisade.model.resource.Kind;

/**
 * Builds the calculation graph and is the one place that shows how its nodes connect. Registration order per
 * kind is part of the contract ({@code docs/calc-graph.md}): a node hears about a resource before it hears
 * about matches involving it.
 *
 * <pre>
 *  resource updates (Kind/ns/name, value or null)
 *        |
 *        v
 *  ValidationFilter --invalid--> treated as deleted (InvalidListener told why)
 *        |
 *        v
 *  Dispatcher (by kind, in registration order)
 *    |  HostEndpoint    -> IpSetMemberIndex, PolicyResolver, ActiveRulesCalculator
 *    |  GNS, NetworkSet -> IpSetMemberIndex
 *    |  Profile         -> IpSetMemberIndex, ActiveRulesCalculator
 *    |  GNP             -> PolicyResolver, ActiveRulesCalculator
 *    |  Tier            -> PolicyResolver
 *    |  FelixConfig     -> ConfigCalculator
 *    |  Node            -> NodeStateIndex
 * </pre>
 *
 * <b>Policies to endpoints</b> (which GNP applies to which HEP; HEP labels inherit profile labels):
 * <pre>
 *  ActiveRulesCalculator [owns LabelIndex over HEPs]
 *     |-- onPolicyMatch / onPolicyMatchStopped ------------> PolicyResolver (marks HEP dirty)
 *     `-- onPolicyActive / onProfileActive (+ inactive) ---> RuleScanner
 * </pre>
 *
 * <b>Rules to IP sets</b> (selectors in active rules become sets of addresses, cluster-wide):
 * <pre>
 *  RuleScanner --onIpSetNeeded / onIpSetUnneeded--> IpSetMemberIndex [owns LabelIndex over HEPs and
 *       |                                               network sets, and a NamedPortIndex]
 *       |                                                   |
 *       `--onPolicyRendered / onProfileRendered-->  NodeStateIndex <--onIpSetChanged (at flush)
 * </pre>
 *
 * <b>At flush</b>:
 * <pre>
 *  PolicyResolver.flush() --onEndpoint (owned nodes), onPolicyUsed, onEndpointProfiles--> NodeStateIndex (node streams: endpoints, config;
 *  IpSetMemberIndex.flush() --onIpSetChanged-------------->   shared stream: cluster-wide use counts of
 *  ConfigCalculator --onConfigChanged--------------------->   policies, profiles, sets; marks dirty keys)
 *                                                                  v  dirty key
 *                                           EventSequencer: desired vs published, per stream:
 *                                           shared batch first, then one per node; sets, rules,
 *                                           endpoints; removals reversed; barriers tie the streams
 *                                                                  |
 *                                                                  v
 *                                                            DataplaneSink
 * </pre>
 */
public final class CalcGraphFactory {

    private CalcGraphFactory() {
    }

    /** A calculator that publishes the streams {@code shard} owns. */
    public static CalcGraph create(DataplaneSink sink, Shard shard, ValidationFilter.InvalidListener invalid) {
        EventSequencer sequencer = new EventSequencer(sink, shard);
        NodeStateIndex nodes = new NodeStateIndex(sequencer::markDirty, shard);
        ConfigCalculator config = new ConfigCalculator(nodes);
        IpSetMemberIndex ipSets = new IpSetMemberIndex(nodes);
        RuleScanner ruleScanner = new RuleScanner(nodes, ipSets);
        PolicyResolver resolver = new PolicyResolver(nodes, shard);
        ActiveRulesCalculator activeRules = new ActiveRulesCalculator(resolver, ruleScanner);

        Dispatcher dispatcher = new Dispatcher();
        dispatcher.register(Kind.HOST_ENDPOINT, ipSets);
        dispatcher.register(Kind.HOST_ENDPOINT, resolver);
        dispatcher.register(Kind.HOST_ENDPOINT, activeRules);
        dispatcher.register(Kind.GLOBAL_NETWORK_SET, ipSets);
        dispatcher.register(Kind.NETWORK_SET, ipSets);
        dispatcher.register(Kind.PROFILE, ipSets);
        dispatcher.register(Kind.PROFILE, activeRules);
        dispatcher.register(Kind.GLOBAL_NETWORK_POLICY, resolver);
        dispatcher.register(Kind.GLOBAL_NETWORK_POLICY, activeRules);
        dispatcher.register(Kind.TIER, resolver);
        dispatcher.register(Kind.FELIX_CONFIGURATION, config);
        dispatcher.register(Kind.NODE, nodes);

        ValidationFilter input = new ValidationFilter(dispatcher, invalid);
        return new CalcGraph(input, activeRules, ruleScanner, ipSets, resolver, config, nodes, sequencer);
    }

    /** The only calculator: it publishes every stream. */
    public static CalcGraph create(DataplaneSink sink, ValidationFilter.InvalidListener invalid) {
        return create(sink, Shard.ALL, invalid);
    }

    public static CalcGraph create(DataplaneSink sink) {
        return create(sink, Shard.ALL, (key, reason) -> { });
    }
}
