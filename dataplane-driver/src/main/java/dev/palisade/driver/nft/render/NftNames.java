package dev.palisade.driver.nft.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Every name the driver gives an object in its table: deterministic, at most {@value #MAX_LENGTH}
 * characters, readable where the source name allows, and recognisable by {@link #isPalisadeOwned}. A name
 * whose readable form would be too long or contain characters nft does not accept keeps a sanitised
 * prefix of it followed by {@code _} and a hash of the original, so distinct sources never collide.
 */
public final class NftNames {

    public static final int MAX_LENGTH = 64;
    /** The internal interface name of the wildcard endpoint's chains; no Linux interface name is this long. */
    public static final String ALL_INTERFACES = "any-interface-at-all";

    public static final String RAW_PREROUTING = "raw-prerouting";
    public static final String RAW_OUTPUT = "raw-output";
    public static final String MANGLE_PREROUTING = "mangle-prerouting";
    public static final String MANGLE_POSTROUTING = "mangle-postrouting";
    public static final String FILTER_INPUT = "filter-input";
    public static final String FILTER_FORWARD = "filter-forward";
    public static final String FILTER_OUTPUT = "filter-output";

    public static final String RAW_FROM_HEP = "raw-from-hep";
    public static final String RAW_TO_HEP = "raw-to-hep";
    public static final String MANGLE_FROM_HEP = "mangle-from-hep";
    public static final String MANGLE_TO_HEP = "mangle-to-hep";
    public static final String FILTER_FROM_HEP = "filter-from-hep";
    public static final String FILTER_TO_HEP = "filter-to-hep";
    public static final String FILTER_FROM_HEP_FORWARD = "filter-from-hep-fw";
    public static final String FILTER_TO_HEP_FORWARD = "filter-to-hep-fw";

    public static final String FAILSAFE_IN = "failsafe-in";
    public static final String FAILSAFE_OUT = "failsafe-out";
    public static final String RAW_FAILSAFE_IN = "raw-failsafe-in";
    public static final String RAW_FAILSAFE_OUT = "raw-failsafe-out";

    public static final String FAILSAFE_IN_PORTS = "fs-in";
    public static final String FAILSAFE_OUT_PORTS = "fs-out";

    /** Prefixes of the chains and sets named after something in the desired state. */
    public static final List<String> DYNAMIC_PREFIXES = List.of(
            "raw-fh-", "raw-th-", "mangle-fh-", "mangle-th-", "filter-fh-", "filter-th-", "filter-fhfw-",
            "filter-thfw-", "pi-", "po-", "pri-", "pro-", "pod-", "prod-", "s4-", "s6-", "n4-", "n6-", "fs-in", "fs-out");

    private static final Set<String> FIXED = Set.of(RAW_PREROUTING, RAW_OUTPUT, MANGLE_PREROUTING, MANGLE_POSTROUTING,
            FILTER_INPUT, FILTER_FORWARD, FILTER_OUTPUT, RAW_FROM_HEP, RAW_TO_HEP, MANGLE_FROM_HEP, MANGLE_TO_HEP,
            FILTER_FROM_HEP, FILTER_TO_HEP,
            FILTER_FROM_HEP_FORWARD, FILTER_TO_HEP_FORWARD, FAILSAFE_IN, FAILSAFE_OUT, RAW_FAILSAFE_IN,
            RAW_FAILSAFE_OUT);

    private static final int HASH_LENGTH = 12;

    private NftNames() {
    }

    public static boolean isPalisadeOwned(String name) {
        return FIXED.contains(name) || DYNAMIC_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Per-endpoint chain: {@code kind} is one of {@code raw-fh}, {@code filter-thfw}, … */
    public static String endpointChain(String kind, String iface) {
        return bounded(kind + "-", iface);
    }

    public static String policyChain(String policyId, boolean ingress) {
        return bounded(ingress ? "pi-" : "po-", policyId);
    }

    public static String profileChain(String profile, boolean ingress) {
        return bounded(ingress ? "pri-" : "pro-", profile);
    }

    /** An egress policy's chain for hooks that cannot reject (mangle postrouting), when deny means reject elsewhere. */
    public static String dropOnlyPolicyChain(String policyId) {
        return bounded("pod-", policyId);
    }

    public static String dropOnlyProfileChain(String profile) {
        return bounded("prod-", profile);
    }

    public static String ipSet(String id, int family) {
        return bounded("s" + family + "-", id);
    }

    public static String portSet(String id, int family) {
        return bounded("n" + family + "-", id);
    }

    /** Failsafe nets for one direction and family, e.g. {@code fs-in4}. */
    public static String failsafeNets(boolean inbound, int family) {
        return (inbound ? FAILSAFE_IN_PORTS : FAILSAFE_OUT_PORTS) + family;
    }

    static String bounded(String prefix, String source) {
        String candidate = prefix + source;
        if (candidate.length() <= MAX_LENGTH && isSafe(source)) {
            return candidate;
        }
        String readable = source.replaceAll("[^A-Za-z0-9_.-]", "-");
        int room = MAX_LENGTH - prefix.length() - 1 - HASH_LENGTH;
        return prefix + readable.substring(0, Math.min(room, readable.length())) + "_" + hash(source, HASH_LENGTH);
    }

    /** Same as matching {@code SAFE}, without a regex: names are computed for every chain on every render. */
    private static boolean isSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == '/' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** URL-safe base64 of SHA-256, cut to {@code length} characters. */
    public static String hash(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
