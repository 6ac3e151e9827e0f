package dev.palisade.driver.ipt.render;

import dev.palisade.driver.nft.render.NftNames;

/**
 * Names of the iptables backend's chains and ipsets. Every name starts with {@value #PREFIX}, which is how
 * the backend recognises what it owns (Felix does the same with {@code cali-}). iptables takes chain names of
 * at most {@value #MAX_CHAIN} characters and ipset at most {@value #MAX_SET}; a longer or unsafe source keeps
 * a readable prefix plus {@code _} and a hash, so distinct sources never collide.
 */
public final class IptNames {

    public static final String PREFIX = "palisade-";
    public static final int MAX_CHAIN = 28;
    public static final int MAX_SET = 31;
    private static final int HASH_LENGTH = 8;

    /** The comment that marks the rules jumping from a built-in chain into ours. */
    public static final String JUMP_COMMENT = "palisade:jump";

    public static final String FROM_HEP = PREFIX + "from-hep";
    public static final String TO_HEP = PREFIX + "to-hep";
    public static final String FROM_HEP_FORWARD = PREFIX + "from-hep-fw";
    public static final String TO_HEP_FORWARD = PREFIX + "to-hep-fw";
    public static final String FAILSAFE_IN = PREFIX + "failsafe-in";
    public static final String FAILSAFE_OUT = PREFIX + "failsafe-out";

    private IptNames() {
    }

    /** The backend's own chain a built-in chain jumps to first, e.g. {@code palisade-INPUT}. */
    public static String top(String builtin) {
        return PREFIX + builtin;
    }

    public static boolean isOwned(String name) {
        return name.startsWith(PREFIX);
    }

    /** {@code kind}: {@code fh}, {@code th}, {@code ff} (forward from host), {@code tf} (forward to host). */
    public static String endpointChain(String kind, String iface) {
        return bounded(PREFIX + kind + "-", iface, MAX_CHAIN);
    }

    /** The chain of the endpoint that governs every interface no named one does. */
    public static String wildcardChain(String kind) {
        return PREFIX + "wc-" + kind;
    }

    public static String policyChain(String policyId, boolean ingress) {
        return bounded(PREFIX + (ingress ? "pi-" : "po-"), policyId, MAX_CHAIN);
    }

    public static String profileChain(String profile, boolean ingress) {
        return bounded(PREFIX + (ingress ? "pri-" : "pro-"), profile, MAX_CHAIN);
    }

    public static String dropOnlyPolicyChain(String policyId) {
        return bounded(PREFIX + "pod-", policyId, MAX_CHAIN);
    }

    public static String dropOnlyProfileChain(String profile) {
        return bounded(PREFIX + "prod-", profile, MAX_CHAIN);
    }

    public static String ipSet(String id, int family) {
        return bounded(PREFIX + "s" + family + "-", id, MAX_SET);
    }

    public static String portSet(String id, int family) {
        return bounded(PREFIX + "n" + family + "-", id, MAX_SET);
    }


    static String bounded(String prefix, String source, int max) {
        String candidate = prefix + source;
        if (candidate.length() <= max && source.matches("[A-Za-z0-9_.-]+")) {
            return candidate;
        }
        String readable = source.replaceAll("[^A-Za-z0-9_.-]", "-");
        int room = Math.max(0, max - prefix.length() - 1 - HASH_LENGTH);
        return prefix + readable.substring(0, Math.min(room, readable.length())) + "_"
                + NftNames.hash(source, HASH_LENGTH);
    }
}
