package dev.palisade.model.dataplane;

import java.util.Optional;

/**
 * The entry types, in the order a consistent batch emits additions: what is referenced comes before what
 * references it (sets, then policies and profiles, then endpoints). Removals go in the reverse order.
 *
 * <p>Each type lives in one scope: endpoints and configuration belong to one node and are keyed under it;
 * sets, policies and profiles are the same for every node that uses them and are published once, under
 * {@code shared/}. Barriers end batches in both scopes.
 */
public enum EntryType {
    CONFIG("config", Scope.NODE),
    IP_SET("ipset", Scope.SHARED),
    NAMED_PORT_SET("portset", Scope.SHARED),
    POLICY("policy", Scope.SHARED),
    PROFILE("profile", Scope.SHARED),
    ENDPOINT("endpoint", Scope.NODE),
    BARRIER("barrier", null);

    /** Where entries of a type are keyed. */
    public enum Scope { NODE, SHARED }

    private final String keyword;
    private final Scope scope;

    EntryType(String keyword, Scope scope) {
        this.keyword = keyword;
        this.scope = scope;
    }

    /** The word used in keys and in the JSON {@code type} field. */
    public String keyword() {
        return keyword;
    }

    /** Whether entries of this type may be keyed in {@code scope} (barriers may be keyed in both). */
    public boolean allowedIn(Scope scope) {
        return this.scope == null || this.scope == scope;
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
