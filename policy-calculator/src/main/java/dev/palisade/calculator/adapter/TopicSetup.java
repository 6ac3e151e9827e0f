package dev.palisade.calculator.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the calculator's topics when missing, both compacted: the resource topic (normally ingest-service
 * creates it first) and the dataplane topic. Existing topics are left as they are.
 */
final class TopicSetup {

    private TopicSetup() {
    }

    static void ensure(Map<String, Object> adminConfig, CalculatorSettings settings) {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(settings.resourcesTopic())) {
                missing.add(compacted(settings.resourcesTopic(), settings.resourcesPartitions(), settings));
            }
            if (!existing.contains(settings.dataplaneTopic())) {
                missing.add(compacted(settings.dataplaneTopic(), settings.dataplanePartitions(), settings));
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // another service created it meanwhile
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        }
    }

    private static NewTopic compacted(String name, int partitions, CalculatorSettings settings) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions of topic " + name + " must be positive, got " + partitions);
        }
        return new NewTopic(name, partitions, settings.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
}
