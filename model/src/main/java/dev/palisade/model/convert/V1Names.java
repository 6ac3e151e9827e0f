package dev.palisade.model.convert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Calico's v1 → v3 name rules. v1 names allowed characters v3 names do not, so names are normalised; when
 * that changes a name, a hash of the original is appended so that two v1 names cannot collapse into one.
 */
final class V1Names {

    private static final Pattern NON_NAME_CHARS = Pattern.compile("[^-.a-z0-9]+");
    private static final Pattern DOT_DASH_RUN_WITH_DOT = Pattern.compile("[.-]*[.][.-]*");
    private static final Pattern LEADING_TRAILING_DOTS_DASHES = Pattern.compile("^[.-]+|[.-]+$");
    private static final String V1_K8S_NAMESPACE_PREFIX = "k8s_ns.";
    private static final String V3_K8S_NAMESPACE_PREFIX = "kns.";

    private V1Names() {
    }

    /**
     * Lower-case; {@code /} → {@code .}; other characters outside {@code [-.a-z0-9]} → {@code -}; a run of
     * dots and dashes holding a dot → one dot; leading and trailing dots and dashes dropped.
     */
    static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('/', '.');
        n = NON_NAME_CHARS.matcher(n).replaceAll("-");
        n = DOT_DASH_RUN_WITH_DOT.matcher(n).replaceAll(".");
        return LEADING_TRAILING_DOTS_DASHES.matcher(n).replaceAll("");
    }

    /** Node names are normalised without a hash: clashes were refused before Calico's own upgrade. */
    static String node(String v1Name) {
        return normalise(v1Name);
    }

    static String qualified(String v1Name) {
        return withHashIfChanged(v1Name, normalise(v1Name));
    }

    /** Policy names may not contain dots in v3 outside a tier prefix, so dots become dashes. */
    static String qualifiedNoDots(String v1Name) {
        return withHashIfChanged(v1Name, normalise(v1Name).replace('.', '-'));
    }

    /** Kubernetes namespace profiles were {@code k8s_ns.<ns>} in v1 and are {@code kns.<ns>} in v3. */
    static String profile(String v1Name) {
        String renamed = v1Name.startsWith(V1_K8S_NAMESPACE_PREFIX)
                ? V3_K8S_NAMESPACE_PREFIX + v1Name.substring(V1_K8S_NAMESPACE_PREFIX.length())
                : v1Name;
        return qualified(renamed);
    }

    private static String withHashIfChanged(String original, String normalised) {
        if (original.equals(normalised)) {
            return original;
        }
        return normalised + "-" + sha1Hex(original).substring(0, 8);
    }

    private static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }
}
