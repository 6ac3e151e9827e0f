package dev.palisade.model.semantics;

import dev.palisade.model.dataplane.InterfaceMatching;
import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.dataplane.NodeConfigEntry.AllowAction;
import dev.palisade.model.dataplane.NodeConfigEntry.DenyAction;
import dev.palisade.model.dataplane.NodeConfigEntry.FailsafePort;
import dev.palisade.model.dataplane.NodeConfigEntry.NftablesMode;
import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.FelixConfigurationSpec;
import dev.palisade.model.resource.FelixConfigurationSpec.ProtoPort;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Felix settings one node runs with: each field from {@code node.<name>}, else {@code default}, else
 * Felix's built-in default (spec §1.8); a blank string counts as unset. Environment and config-file layers do
 * not exist offline. {@code failsafeSource} names where the failsafe lists came from, for explanations. The
 * simulator and the policy calculator (which sends them to each node) both take their settings from here.
 * The allow and deny actions prefer the {@code nftables*} field over the {@code iptables*} one at any layer.
 */
public record FelixSettings(
        List<ProtoPort> failsafeInbound,
        String failsafeInboundSource,
        List<ProtoPort> failsafeOutbound,
        String failsafeOutboundSource,
        String defaultEndpointToHostAction,
        boolean disableConntrackInvalidCheck,
        List<String> interfacePrefixes,
        List<String> interfaceExcludes,
        String filterAllowAction,
        String mangleAllowAction,
        String filterDenyAction,
        String logPrefix,
        String chainInsertMode,
        String refreshInterval,
        String nftablesMode) {

    public static final String BUILT_IN = "built-in default";
    public static final String DEFAULT_REFRESH_INTERVAL = "180s";
    private static final long DEFAULT_REFRESH_SECONDS = 180;
    private static final String SENT = "the node's config entry";
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

    static final List<ProtoPort> DEFAULT_FAILSAFE_INBOUND = List.of(
            tcp(22), udp(68), tcp(179), tcp(2379), tcp(2380), tcp(5473), tcp(6443), tcp(6666), tcp(6667));
    static final List<ProtoPort> DEFAULT_FAILSAFE_OUTBOUND = List.of(
            udp(53), udp(67), tcp(179), tcp(2379), tcp(2380), tcp(5473), tcp(6443), tcp(6666), tcp(6667));

    public FelixSettings {
        failsafeInbound = List.copyOf(failsafeInbound);
        failsafeOutbound = List.copyOf(failsafeOutbound);
        interfacePrefixes = List.copyOf(interfacePrefixes);
        interfaceExcludes = List.copyOf(interfaceExcludes);
    }

    /** Either argument may be null (resource absent). */
    public static FelixSettings resolve(FelixConfiguration perNode, FelixConfiguration global) {
        List<FelixConfiguration> layers = Stream.of(perNode, global).filter(Objects::nonNull).toList();
        FelixConfiguration inSource = first(layers, FelixConfigurationSpec::failsafeInboundHostPorts);
        FelixConfiguration outSource = first(layers, FelixConfigurationSpec::failsafeOutboundHostPorts);
        return new FelixSettings(
                inSource == null ? DEFAULT_FAILSAFE_INBOUND : inSource.spec().failsafeInboundHostPorts(),
                describe(inSource),
                outSource == null ? DEFAULT_FAILSAFE_OUTBOUND : outSource.spec().failsafeOutboundHostPorts(),
                describe(outSource),
                value(layers, FelixConfigurationSpec::defaultEndpointToHostAction, "Drop"),
                value(layers, FelixConfigurationSpec::disableConntrackInvalidCheck, false),
                split(value(layers, FelixConfigurationSpec::interfacePrefix, "cali")),
                split(value(layers, FelixConfigurationSpec::interfaceExclude, "kube-ipvs0")),
                value(layers, FelixConfigurationSpec::nftablesFilterAllowAction,
                        FelixConfigurationSpec::iptablesFilterAllowAction, "Accept"),
                value(layers, FelixConfigurationSpec::nftablesMangleAllowAction,
                        FelixConfigurationSpec::iptablesMangleAllowAction, "Accept"),
                value(layers, FelixConfigurationSpec::nftablesFilterDenyAction,
                        FelixConfigurationSpec::iptablesFilterDenyAction, "Drop"),
                value(layers, FelixConfigurationSpec::logPrefix, "calico-packet"),
                value(layers, FelixConfigurationSpec::chainInsertMode, "insert"),
                value(layers, FelixConfigurationSpec::nftablesRefreshInterval,
                        FelixConfigurationSpec::iptablesRefreshInterval, DEFAULT_REFRESH_INTERVAL),
                value(layers, FelixConfigurationSpec::nftablesMode, "Auto"));
    }

    /** Felix's built-in settings: what a node runs with when no FelixConfiguration applies. */
    public static FelixSettings builtIn() {
        return resolve(null, null);
    }

    /** Workload interfaces (the {@code interfacePrefix} ones) are never governed by a named host endpoint. */
    public boolean isWorkloadInterface(String iface) {
        return InterfaceMatching.isWorkload(interfacePrefixes, iface);
    }

    public boolean isExcludedInterface(String iface) {
        return InterfaceMatching.isExcluded(interfaceExcludes, iface);
    }

    /**
     * The settings as the dataplane format sends them to a node: protocols in lower case, failsafe nets as
     * canonical networks, actions as enums (validation admits only their names, in any case), the refresh
     * interval in seconds.
     */
    public NodeConfigEntry toEntry() {
        return new NodeConfigEntry(failsafePorts(failsafeInbound), failsafePorts(failsafeOutbound),
                interfacePrefixes, interfaceExcludes,
                choice(AllowAction.class, AllowAction.Accept, filterAllowAction),
                choice(AllowAction.class, AllowAction.Accept, mangleAllowAction),
                choice(DenyAction.class, DenyAction.Drop, filterDenyAction),
                !disableConntrackInvalidCheck, defaultEndpointToHostAction, logPrefix, chainInsertMode,
                seconds(refreshInterval), choice(NftablesMode.class, NftablesMode.Auto, nftablesMode));
    }

    /** The settings a node received in the format, for evaluating packets against it. */
    public static FelixSettings of(NodeConfigEntry c) {
        return new FelixSettings(protoPorts(c.failsafeInbound()), SENT, protoPorts(c.failsafeOutbound()), SENT,
                c.defaultEndpointToHostAction(), !c.conntrackInvalidDrop(), c.interfacePrefixes(),
                c.interfaceExcludes(), c.filterAllowAction().name(), c.mangleAllowAction().name(),
                c.filterDenyAction().name(), c.logPrefix(), c.chainInsertMode(), c.refreshIntervalSeconds() + "s",
                c.nftablesMode().name());
    }

    private static List<FailsafePort> failsafePorts(List<ProtoPort> ports) {
        return ports.stream().map(p -> new FailsafePort(
                p.protocol() == null || p.protocol().isEmpty() ? "tcp" : p.protocol().toLowerCase(Locale.ROOT),
                p.port(), p.net() == null || p.net().isEmpty() ? null : network(p.net()))).toList();
    }

    private static String network(String net) {
        return Cidr.parse(net.trim()).orElseThrow(() -> new IllegalArgumentException(
                "failsafe net \"" + net + "\" is not a CIDR or address")).masked().toString();
    }

    private static List<ProtoPort> protoPorts(List<FailsafePort> ports) {
        return ports.stream().map(p -> new ProtoPort(p.protocol().toUpperCase(Locale.ROOT), p.port(), p.net())).toList();
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

    /** A Go duration such as {@code 90s}, {@code 1m30s} or {@code 3m}; the default when unreadable. */
    static long seconds(String duration) {
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

    private static <T> FelixConfiguration first(List<FelixConfiguration> layers,
                                                Function<FelixConfigurationSpec, T> field) {
        return layers.stream().filter(c -> isSet(field.apply(c.spec()))).findFirst().orElse(null);
    }

    private static boolean isSet(Object value) {
        return value != null && !(value instanceof String s && s.isBlank());
    }

    /** {@code preferred} from any layer, else {@code fallback} from any layer, else the built-in default. */
    private static String value(List<FelixConfiguration> layers, Function<FelixConfigurationSpec, String> preferred,
                                Function<FelixConfigurationSpec, String> fallback, String builtIn) {
        return first(layers, preferred) != null ? value(layers, preferred, builtIn) : value(layers, fallback, builtIn);
    }

    private static <T> T value(List<FelixConfiguration> layers, Function<FelixConfigurationSpec, T> field,
                               T builtIn) {
        FelixConfiguration source = first(layers, field);
        return source == null ? builtIn : field.apply(source.spec());
    }

    private static String describe(FelixConfiguration source) {
        return source == null ? BUILT_IN : "FelixConfiguration " + source.metadata().name();
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static ProtoPort tcp(int port) {
        return new ProtoPort("TCP", port, null);
    }

    private static ProtoPort udp(int port) {
        return new ProtoPort("UDP", port, null);
    }
}
