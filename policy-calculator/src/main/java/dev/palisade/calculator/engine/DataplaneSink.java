package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneMessage;

import java.util.List;

/**
 * Where the graph's output goes: one consistent batch of one stream, always ending with its barrier. {@code node}
 * is the node, or null for the shared stream (sets, policies, profiles), which a flush publishes first.
 */
@FunctionalInterface
public interface DataplaneSink {
    void publish(String node, List<DataplaneMessage> batch);
}
