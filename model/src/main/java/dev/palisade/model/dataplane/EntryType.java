package dev.palisade.model.dataplane;

import java.util.Optional;

/**
 * The entry types, in the order a consistent batch emits additions: what is referenced comes before what
 * references it (sets, then policies and profiles, then endpoints). Removals go in the reverse order.
 */
public enum EntryType {
    CONFIG("config"),
    IP_SET("ipset"),
    NAMED_PORT_SET("portset"),
    POLICY("policy"),
    PROFILE("profile"),
    ENDPOINT("endpoint"),
    BARRIER("barrier");

    private final String keyword;

    EntryType(String keyword) {
        this.keyword = keyword;
    }

    /** The word used in keys and in the JSON {@code type} field. */
    public String keyword() {
        return keyword;
    }

    public static Optional<EntryType> byKeyword(String word) {
        for (EntryType t : values()) {
            if (t.keyword.equals(word)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
