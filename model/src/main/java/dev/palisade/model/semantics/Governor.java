package dev.palisade.model.semantics;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.palisade.model.resource.HostEndpoint;

/** The host endpoint whose policy an interface gets, and why it is that one (spec §4.1). */
public record Governor(HostEndpoint hostEndpoint, Match match) {

    public enum Match {
        /** {@code interfaceName} is the interface. */
        INTERFACE_NAME("interface name"),
        /** {@code interfaceName} is empty and one of the {@code expectedIPs} is on the interface. */
        EXPECTED_IP("expected IP on the interface"),
        /** The all-interfaces endpoint, for an interface no named endpoint governs. */
        WILDCARD("wildcard (*)");

        private final String text;

        Match(String text) {
            this.text = text;
        }

        @JsonValue
        public String text() {
            return text;
        }
    }

    public String name() {
        return hostEndpoint.metadata().name();
    }
}
