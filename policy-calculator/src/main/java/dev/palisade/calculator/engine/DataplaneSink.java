package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.DataplaneMessage;

import java.util.List;

/** Where the graph's output goes: one consistent batch for one node, always ending with its barrier. */
@FunctionalInterface
public interface DataplaneSink {
    void publish(String node, List<DataplaneMessage> batch);
}
