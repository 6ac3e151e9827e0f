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
 * Felix's built-in default (spec §1.8). Environment and config-file layers do not exist offline.
 * {@code failsafeSource} names where the failsafe lists came from, for explanations.
 */
public record FelixSettings(
        List<ProtoPort> failsafeInbound,
        String failsafeInboundSource,
        List<ProtoPort> failsafeOutbound,
        String failsafeOutboundSource,
        String defaultEndpointToHostAction,
        boolean disableConntrackInvalidCheck,
        List<String> interfacePrefixes,
        List<String> interfaceExcludes) {

    public static final String BUILT_IN = "built-in default";

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
    static FelixSettings resolve(FelixConfiguration perNode, FelixConfiguration global) {
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
                split(value(layers, FelixConfigurationSpec::interfaceExclude, "kube-ipvs0")));
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
        return layers.stream().filter(c -> field.apply(c.spec()) != null).findFirst().orElse(null);
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
