package dev.palisade.testkit;

/** The transport protocols probes and listeners speak. */
public enum Protocol {
    TCP, UDP;

    String lower() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
