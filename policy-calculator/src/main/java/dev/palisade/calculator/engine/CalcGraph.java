package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;

import java.util.Map;

/**
 * The assembled calculation graph (built by {@link CalcGraphFactory}). Single-threaded: feed it updates, then
 * {@link #flush} to publish what changed. Nothing is published between flushes, so a caller that is not yet
 * in sync simply does not flush.
 */
public final class CalcGraph {

    private final UpdateHandler input;
    private final ActiveRulesCalculator activeRules;
    private final RuleScanner ruleScanner;
    private final IpSetMemberIndex ipSets;
    private final PolicyResolver resolver;
    private final ConfigCalculator config;
    private final NodeStateIndex nodes;
    private final EventSequencer sequencer;

    CalcGraph(UpdateHandler input, ActiveRulesCalculator activeRules, RuleScanner ruleScanner,
              IpSetMemberIndex ipSets, PolicyResolver resolver, ConfigCalculator config, NodeStateIndex nodes,
              EventSequencer sequencer) {
        this.input = input;
        this.activeRules = activeRules;
        this.ruleScanner = ruleScanner;
        this.ipSets = ipSets;
        this.resolver = resolver;
        this.config = config;
        this.nodes = nodes;
        this.sequencer = sequencer;
    }

    public void onUpdate(Update update) {
        input.onUpdate(update);
    }

    /** After a restart: records already on the output topic, so that only differences get published. */
    public void seedPublished(DataplaneMessage message) {
        sequencer.seed(message);
    }

    /**
     * After a restart: the stream ending in {@code barrierKey} has records after its last barrier, which the
     * next flush closes with a barrier.
     */
    public void seedUnfinished(DataplaneKey barrierKey) {
        sequencer.seedUnfinished(barrierKey);
    }

    /**
     * Recomputes what the updates since the last flush made dirty and publishes the shared batch and one
     * batch per changed node, each ending with a barrier carrying {@code revision}. Returns the number of
     * records published.
     */
    public int flush(long revision) {
        resolver.flush();
        ipSets.flush();
        return sequencer.flush(revision, key -> nodes.desired(key, ipSets::entry, config::config));
    }

    /** What was last published for a node: its own entries and the shared entries they reach. */
    public Map<DataplaneKey, DataplaneEntry> published(String node) {
        return sequencer.published(node);
    }

    public Stats stats() {
        return new Stats(resolver.endpointCount(), activeRules.activePolicyCount(), activeRules.activeProfileCount(),
                activeRules.selectorCount() + ipSets.setCount(), ruleScanner.activeIpSetCount(), nodes.nodeCount());
    }

    /** Sizes for metrics: endpoints, active policies and profiles, selectors indexed, IP sets needed, nodes. */
    public record Stats(int endpoints, int activePolicies, int activeProfiles, int selectors, int ipSets, int nodes) {
    }
}
