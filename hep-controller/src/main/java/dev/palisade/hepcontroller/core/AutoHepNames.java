package dev.palisade.hepcontroller.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** Names of automatic host endpoints (spec §6): readable when they fit 253 chars, a hash when they do not. */
public final class AutoHepNames {

    static final String SUFFIX = "auto-hep";
    static final int MAX_LENGTH = 253;

    private AutoHepNames() {
    }

    /** {@code <node>-auto-hep}. */
    public static String defaultHep(String node) {
        return bounded(node + "-" + SUFFIX);
    }

    /** {@code <node>-<generateName>-auto-hep}, for a template without an interface pattern. */
    public static String template(String node, String generateName) {
        return bounded(node + "-" + generateName + "-" + SUFFIX);
    }

    /** {@code <node>-<generateName>-<interface>-auto-hep}, one per interface a template's pattern matches. */
    public static String templateInterface(String node, String generateName, String iface) {
        return bounded(node + "-" + generateName + "-" + iface + "-" + SUFFIX);
    }

    /** Calico's rule: base64url(SHA-256(name)) without {@code - _ .}, lower-cased, then {@code -auto-hep}. */
    static String bounded(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(name))
                .replaceAll("[-_.]", "");
        return (hash + "-" + SUFFIX).toLowerCase(Locale.ROOT);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
