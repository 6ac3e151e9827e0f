package dev.palisade.calculator.engine;

import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.NodeConfigEntry.AllowAction;
import dev.palisade.model.dataplane.NodeConfigEntry.DenyAction;
import dev.palisade.model.dataplane.NodeConfigEntry.FailsafePort;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.FelixConfigurationSpec;
import dev.palisade.model.resource.FelixConfigurationSpec.ProtoPort;
import dev.palisade.model.resource.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each node's effective Felix settings (spec §1.8): FelixConfiguration {@code node.<name>} over {@code default}
 * over Felix's built-in defaults, field by field. An absent failsafe list means the defaults; {@code []}
 * disables failsafe ports.
 */
final class ConfigCalculator implements UpdateHandler {

    /** {@code node} null: the global configuration changed, so every node's may have. */
    interface ConfigListener {
        void onConfigChanged(String node);
    }

    static final String GLOBAL = "default";
    static final String NODE_PREFIX = "node.";

    static final List<FailsafePort> DEFAULT_FAILSAFE_IN = parse("tcp:22", "udp:68", "tcp:179", "tcp:2379",
            "tcp:2380", "tcp:5473", "tcp:6443", "tcp:6666", "tcp:6667");
    static final List<FailsafePort> DEFAULT_FAILSAFE_OUT = parse("udp:53", "udp:67", "tcp:179", "tcp:2379",
            "tcp:2380", "tcp:5473", "tcp:6443", "tcp:6666", "tcp:6667");
    private static final long DEFAULT_REFRESH_SECONDS = 180;
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

    private final ConfigListener listener;
    private FelixConfigurationSpec global;
    private final Map<String, FelixConfigurationSpec> perNode = new HashMap<>();
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
        FelixConfigurationSpec spec = update.value() == null ? null : ((FelixConfiguration) update.value()).spec();
        if (name.equals(GLOBAL)) {
            if (!java.util.Objects.equals(global, spec)) {
                global = spec;
                cache.clear();
                listener.onConfigChanged(null);
            }
        } else if (name.startsWith(NODE_PREFIX)) {
            String node = name.substring(NODE_PREFIX.length());
            FelixConfigurationSpec old = spec == null ? perNode.remove(node) : perNode.put(node, spec);
            if (!java.util.Objects.equals(old, spec)) {
                cache.remove(node);
                listener.onConfigChanged(node);
            }
        }
    }

    NodeConfigEntry config(String node) {
        return cache.computeIfAbsent(node, this::compute);
    }

    private NodeConfigEntry compute(String node) {
        FelixConfigurationSpec local = perNode.get(node);
        return new NodeConfigEntry(
                failsafe(pick(local, FelixConfigurationSpec::failsafeInboundHostPorts), DEFAULT_FAILSAFE_IN),
                failsafe(pick(local, FelixConfigurationSpec::failsafeOutboundHostPorts), DEFAULT_FAILSAFE_OUT),
                commaList(pick(local, FelixConfigurationSpec::interfacePrefix), "cali"),
                commaList(pick(local, FelixConfigurationSpec::interfaceExclude), "kube-ipvs0"),
                choice(AllowAction.class, AllowAction.Accept, either(local,
                        FelixConfigurationSpec::nftablesFilterAllowAction, FelixConfigurationSpec::iptablesFilterAllowAction)),
                choice(AllowAction.class, AllowAction.Accept, either(local,
                        FelixConfigurationSpec::nftablesMangleAllowAction, FelixConfigurationSpec::iptablesMangleAllowAction)),
                choice(DenyAction.class, DenyAction.Drop, either(local,
                        FelixConfigurationSpec::nftablesFilterDenyAction, FelixConfigurationSpec::iptablesFilterDenyAction)),
                !Boolean.TRUE.equals(pick(local, FelixConfigurationSpec::disableConntrackInvalidCheck)),
                orDefault(pick(local, FelixConfigurationSpec::defaultEndpointToHostAction), "Drop"),
                orDefault(pick(local, FelixConfigurationSpec::logPrefix), "calico-packet"),
                orDefault(pick(local, FelixConfigurationSpec::chainInsertMode), "insert"),
                seconds(either(local, FelixConfigurationSpec::nftablesRefreshInterval,
                        FelixConfigurationSpec::iptablesRefreshInterval)));
    }

    /** The node's value if set there, else the global one, else null. */
    private <T> T pick(FelixConfigurationSpec local, Function<FelixConfigurationSpec, T> field) {
        T v = local == null ? null : field.apply(local);
        if (v == null && global != null) {
            v = field.apply(global);
        }
        return v;
    }

    private String either(FelixConfigurationSpec local, Function<FelixConfigurationSpec, String> preferred,
                          Function<FelixConfigurationSpec, String> fallback) {
        String v = pick(local, preferred);
        return v == null ? pick(local, fallback) : v;
    }

    private static String orDefault(String v, String dflt) {
        return v == null || v.isEmpty() ? dflt : v;
    }

    /** The enum constant spelled {@code v} in any case; validation rejects other values, so the default is moot. */
    private static <E extends Enum<E>> E choice(Class<E> type, E dflt, String v) {
        if (v != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v)) {
                    return e;
                }
            }
        }
        return dflt;
    }

    private static List<String> commaList(String v, String dflt) {
        String s = v == null || v.isBlank() ? dflt : v;
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static List<FailsafePort> failsafe(List<ProtoPort> configured, List<FailsafePort> dflt) {
        if (configured == null) {
            return dflt;
        }
        List<FailsafePort> out = new ArrayList<>(configured.size());
        for (ProtoPort p : configured) {
            String proto = p.protocol() == null || p.protocol().isEmpty() ? "tcp" : p.protocol().toLowerCase(Locale.ROOT);
            out.add(new FailsafePort(proto, p.port(), p.net() == null || p.net().isEmpty() ? null : Cidrs.normalize(p.net())));
        }
        return out;
    }

    private static List<FailsafePort> parse(String... entries) {
        List<FailsafePort> out = new ArrayList<>();
        for (String e : entries) {
            String[] parts = e.split(":");
            out.add(new FailsafePort(parts[0], Integer.parseInt(parts[1]), null));
        }
        return List.copyOf(out);
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
