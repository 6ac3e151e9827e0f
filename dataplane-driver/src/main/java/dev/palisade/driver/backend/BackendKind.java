package dev.palisade.driver.backend;

/** The kernel packet filters a node can be enforced with. */
public enum BackendKind {
    NFTABLES, IPTABLES
}
