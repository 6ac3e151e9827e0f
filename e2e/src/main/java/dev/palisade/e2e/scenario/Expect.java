package dev.palisade.e2e.scenario;

import dev.palisade.testkit.Protocol;

/** One line of a tutorial step: a connection from one host to another's port, and whether it must get through. */
public record Expect(String from, String to, Protocol protocol, int port, boolean reachable) {

    public static Expect open(String from, String to, int port) {
        return new Expect(from, to, Protocol.TCP, port, true);
    }

    public static Expect blocked(String from, String to, int port) {
        return new Expect(from, to, Protocol.TCP, port, false);
    }

    /** The probe, without the verdict: {@code external -> master:8888/tcp}. */
    public String probe() {
        return from + " -> " + to + ":" + port + "/" + protocol.name().toLowerCase(java.util.Locale.ROOT);
    }
}
