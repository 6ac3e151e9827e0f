package dev.palisade.model.semantics;

import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.FelixConfigurationSpec;
import dev.palisade.model.resource.FelixConfigurationSpec.ProtoPort;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
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
        String refreshInterval) {

    public static final String BUILT_IN = "built-in default";
    public static final String DEFAULT_REFRESH_INTERVAL = "180s";

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
                        FelixConfigurationSpec::iptablesRefreshInterval, DEFAULT_REFRESH_INTERVAL));
    }

    /** Workload interfaces (the {@code interfacePrefix} ones) are never governed by a named host endpoint. */
    public boolean isWorkloadInterface(String iface) {
        return interfacePrefixes.stream().anyMatch(iface::startsWith);
    }

    /** Entries are names, or regular expressions between slashes as Felix writes them ({@code /^veth.* /}). */
    public boolean isExcludedInterface(String iface) {
        return interfaceExcludes.stream().anyMatch(e -> e.length() > 2 && e.startsWith("/") && e.endsWith("/")
                ? Pattern.compile(e.substring(1, e.length() - 1)).matcher(iface).find()
                : e.equals(iface));
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
