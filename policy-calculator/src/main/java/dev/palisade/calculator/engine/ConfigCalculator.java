package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.FelixConfigurationSpec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.semantics.FelixSettings;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Each node's effective Felix settings (spec §1.8) in the dataplane format. The layering of
 * {@code node.<name>} over {@code default} over Felix's built-in defaults, and its spelling in the format, are
 * {@link FelixSettings}'s, which the simulator and the driver use too; this node remembers the resources and
 * caches each node's result.
 */
final class ConfigCalculator implements UpdateHandler {

    /** {@code node} null: the global configuration changed, so every node's may have. */
    interface ConfigListener {
        void onConfigChanged(String node);
    }

    private final ConfigListener listener;
    private FelixConfiguration global;
    private final Map<String, FelixConfiguration> perNode = new HashMap<>();
    private final Map<String, NodeConfigEntry> cache = new HashMap<>();

    ConfigCalculator(ConfigListener listener) {
        this.listener = listener;
    }

    @Override
    public void onUpdate(Update update) {
        if (update.key().kind() != Kind.FELIX_CONFIGURATION) {
            return;
        }
        String name = update.key().name();
        FelixConfiguration config = (FelixConfiguration) update.value();
        if (name.equals(FelixConfiguration.DEFAULT_NAME)) {
            FelixConfiguration old = global;
            global = config;
            if (!Objects.equals(spec(old), spec(config))) {
                cache.clear();
                listener.onConfigChanged(null);
            }
        } else if (name.startsWith(FelixConfiguration.NODE_PREFIX)) {
            String node = name.substring(FelixConfiguration.NODE_PREFIX.length());
            FelixConfiguration old = config == null ? perNode.remove(node) : perNode.put(node, config);
            if (!Objects.equals(spec(old), spec(config))) {
                cache.remove(node);
                listener.onConfigChanged(node);
            }
        }
    }

    NodeConfigEntry config(String node) {
        return cache.computeIfAbsent(node, this::compute);
    }

    private static FelixConfigurationSpec spec(FelixConfiguration c) {
        return c == null ? null : c.spec();
    }

    private NodeConfigEntry compute(String node) {
        return FelixSettings.resolve(perNode.get(node), global).toEntry();
    }
}
