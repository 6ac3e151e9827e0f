package dev.palisade.calculator.adapter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Everything the calculator is told at start ({@code palisade.calculator.*}); Kafka itself is {@code kafka.*}. */
@ConfigMapping(prefix = "palisade.calculator")
public interface CalculatorSettings {

    /** The compacted topic carrying every resource (written by ingest-service). */
    @WithDefault("palisade.resources")
    String resourcesTopic();

    /** Partitions of the resource topic when the calculator has to create it (ingest-service's default too). */
    @WithDefault("1")
    int resourcesPartitions();

    /** The compacted per-node output topic. */
    @WithDefault("palisade.dataplane")
    String dataplaneTopic();

    /** Partitions of the dataplane topic when the calculator creates it; an existing topic keeps its own. */
    @WithDefault("6")
    int dataplanePartitions();

    /** Replication factor of topics the calculator creates; -1 takes the broker's default. */
    @WithDefault("-1")
    short replicationFactor();

    /** How long one poll of the resource topic waits for records. */
    @WithDefault("200ms")
    Duration pollTimeout();

    /** Wait before starting over after Kafka failed (the state is rebuilt from both topics). */
    @WithDefault("2s")
    Duration retryDelay();

    /**
     * The consumer group through which several calculators share the dataplane topic's partitions; each
     * publishes the nodes of the partitions assigned to it (and the shared stream with partition 0). Absent:
     * this calculator is the only one and publishes everything.
     */
    Optional<String> groupId();

    /** How soon the group notices a calculator that died and hands its partitions to the others. */
    @WithDefault("10s")
    Duration groupSessionTimeout();
}
