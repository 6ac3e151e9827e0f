package dev.palisade.ingest.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Bearer tokens and what they grant, read from a file with one {@code token,subject,role} line per token
 * ({@code #} comments and blank lines ignored). The same text works as a Kubernetes Secret key mounted as a
 * file. Parse errors name the line but never echo a token. Only SHA-256 digests of the tokens are kept, so a
 * heap dump shows no token and every comparison runs over 32 bytes whatever the presented token's length.
 */
public final class TokenTable {

    private record Entry(byte[] digest, Principal principal) {
    }

    private final List<Entry> entries;

    private TokenTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static TokenTable parse(String text, String source) {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(",", -1);
            String where = source + " line " + (i + 1);
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(where + ": expected token,subject,role");
            }
            Role role;
            try {
                role = Role.valueOf(parts[2].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": role must be viewer or editor, got \""
                        + parts[2].strip() + "\"");
            }
            entries.add(new Entry(digest(parts[0].strip()),
                    new Principal(parts[1].strip(), role)));
        }
        return new TokenTable(entries);
    }

    /**
     * Compares in constant time (every entry, no early exit, {@link MessageDigest#isEqual} over equal-length
     * digests) so a token cannot be guessed byte by byte from response times.
     */
    public Optional<Principal> lookup(String token) {
        byte[] presented = digest(token);
        Principal found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public int size() {
        return entries.size();
    }
}
