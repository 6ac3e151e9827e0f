package dev.palisade.ingest.core.auth;

/** What a token may do: viewers read, editors read and write. */
public enum Role {
    VIEWER, EDITOR;

    public boolean allows(Access access) {
        return access == Access.READ || this == EDITOR;
    }
}
