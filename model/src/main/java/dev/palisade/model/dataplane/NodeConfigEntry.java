package dev.palisade.model.dataplane;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * The node's effective Felix settings that shape HEP enforcement: built-in defaults, overridden by
 * FelixConfiguration {@code default}, overridden by {@code node.<name>}. Sent once per node and resent
 * whole when anything in it changes.
 *
 * @param interfacePrefixes         interfaces with these prefixes are workload interfaces, never HEP-governed
 * @param interfaceExcludes         ignored interfaces: exact names, or regular expressions written {@code /re/}
 * @param conntrackInvalidDrop      whether tracked chains drop conntrack-INVALID packets
 * @param refreshIntervalSeconds    period of the driver's drift check
 * @param nftablesMode              which backend the node's driver enforces with (FelixConfiguration
 *                                  {@code nftablesMode}); absent in older messages, which then mean {@code Auto}
 */
public record NodeConfigEntry(
        List<FailsafePort> failsafeInbound,
        List<FailsafePort> failsafeOutbound,
        List<String> interfacePrefixes,
        List<String> interfaceExcludes,
        AllowAction filterAllowAction,
        AllowAction mangleAllowAction,
        DenyAction filterDenyAction,
        boolean conntrackInvalidDrop,
        String defaultEndpointToHostAction,
        String logPrefix,
        String chainInsertMode,
        long refreshIntervalSeconds,
        NftablesMode nftablesMode) implements DataplaneEntry {

    public static final String ID = "felix";

    public NodeConfigEntry {
        failsafeInbound = EndpointEntry.copy(failsafeInbound);
        failsafeOutbound = EndpointEntry.copy(failsafeOutbound);
        interfacePrefixes = EndpointEntry.copy(interfacePrefixes);
        interfaceExcludes = EndpointEntry.copy(interfaceExcludes);
        nftablesMode = nftablesMode == null ? NftablesMode.Auto : nftablesMode;
    }

    @Override
    @JsonIgnore
    public String id() {
        return ID;
    }

    @Override
    public EntryType type() {
        return EntryType.CONFIG;
    }

    /**
     * A failsafe port: lower-case protocol ({@code tcp}, {@code udp}, {@code sctp}), port, and an optional CIDR
     * matched against the source (inbound) or destination (outbound) address; null = any address.
     */
    public record FailsafePort(String protocol, int port, String net) {
    }

    public enum AllowAction {
        Accept, Return
    }

    public enum DenyAction {
        Drop, Reject
    }

    /** Enabled = nftables, Disabled = iptables, Auto = nftables where the node's kernel and tools support it. */
    public enum NftablesMode {
        Enabled, Disabled, Auto
    }
}
