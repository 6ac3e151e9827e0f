package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.NodeConfigEntry.AllowAction;
import dev.palisade.model.dataplane.NodeConfigEntry.DenyAction;
import dev.palisade.model.dataplane.NodeConfigEntry.FailsafePort;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.FelixConfigurationSpec;
import dev.palisade.model.resource.FelixConfigurationSpec.ProtoPort;
import dev.palisade.model.resource.Kind;

import dev.palisade.model.semantics.FelixSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each node's effective Felix settings (spec §1.8) in the dataplane format. The layering of
 * {@code node.<name>} over {@code default} over Felix's built-in defaults is {@link FelixSettings}'s, the one
 * the simulator uses too; this node only remembers the resources and converts the result.
 */
final class ConfigCalculator implements UpdateHandler {

    /** {@code node} null: the global configuration changed, so every node's may have. */
    interface ConfigListener {
        void onConfigChanged(String node);
    }

    private static final long DEFAULT_REFRESH_SECONDS = 180;
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

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
        FelixSettings s = FelixSettings.resolve(perNode.get(node), global);
        return new NodeConfigEntry(failsafe(s.failsafeInbound()), failsafe(s.failsafeOutbound()),
                s.interfacePrefixes(), s.interfaceExcludes(),
                choice(AllowAction.class, AllowAction.Accept, s.filterAllowAction()),
                choice(AllowAction.class, AllowAction.Accept, s.mangleAllowAction()),
                choice(DenyAction.class, DenyAction.Drop, s.filterDenyAction()),
                !s.disableConntrackInvalidCheck(), s.defaultEndpointToHostAction(), s.logPrefix(),
                s.chainInsertMode(), seconds(s.refreshInterval()));
    }

    /** The enum constant spelled {@code v} in any case; validation rejects other values, so the default is moot. */
    private static <E extends Enum<E>> E choice(Class<E> type, E dflt, String v) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        return dflt;
    }

    /** The format spells protocols in lower case and nets with their prefix length. */
    private static List<FailsafePort> failsafe(List<ProtoPort> ports) {
        List<FailsafePort> out = new ArrayList<>(ports.size());
        for (ProtoPort p : ports) {
            String proto = p.protocol() == null || p.protocol().isEmpty() ? "tcp" : p.protocol().toLowerCase(Locale.ROOT);
            out.add(new FailsafePort(proto, p.port(), p.net() == null || p.net().isEmpty() ? null : RuleRenderer.cidr(p.net())));
        }
        return out;
    }

    /** A Go duration such as {@code 90s}, {@code 1m30s} or {@code 3m}; the default when absent or unreadable. */
    static long seconds(String duration) {
        if (duration == null || duration.isBlank()) {
            return DEFAULT_REFRESH_SECONDS;
        }
        Matcher m = DURATION_PART.matcher(duration.trim());
        double total = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> n * 3600;
                case "m" -> n * 60;
                case "ms" -> n / 1000;
                default -> n;
            };
            end = m.end();
        }
        return end == duration.trim().length() && end > 0 ? Math.round(total) : DEFAULT_REFRESH_SECONDS;
    }
}
