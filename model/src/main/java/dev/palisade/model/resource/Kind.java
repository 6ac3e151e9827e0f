package dev.palisade.model.resource;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The resource kinds Palisade stores, with the names calicoctl and the REST paths use for them. */
public enum Kind {
    HOST_ENDPOINT("HostEndpoint", "hostendpoints", false, HostEndpoint.class,
            List.of("hostendpoint", "hep", "heps")),
    GLOBAL_NETWORK_POLICY("GlobalNetworkPolicy", "globalnetworkpolicies", false, GlobalNetworkPolicy.class,
            List.of("globalnetworkpolicy", "gnp", "gnps", "cgnp")),
    NETWORK_POLICY("NetworkPolicy", "networkpolicies", true, NetworkPolicy.class,
            List.of("networkpolicy", "policy", "policies", "np", "pol", "pols", "cnp", "caliconetworkpolicy")),
    TIER("Tier", "tiers", false, Tier.class, List.of("tier")),
    PROFILE("Profile", "profiles", false, Profile.class, List.of("profile", "pro", "pros")),
    GLOBAL_NETWORK_SET("GlobalNetworkSet", "globalnetworksets", false, GlobalNetworkSet.class,
            List.of("globalnetworkset", "gnetsets", "gns")),
    NETWORK_SET("NetworkSet", "networksets", true, NetworkSet.class, List.of("networkset", "netset", "netsets")),
    FELIX_CONFIGURATION("FelixConfiguration", "felixconfigurations", false, FelixConfiguration.class,
            List.of("felixconfiguration", "felixconfig", "felixconfigs")),
    KUBE_CONTROLLERS_CONFIGURATION("KubeControllersConfiguration", "kubecontrollersconfigurations", false,
            KubeControllersConfiguration.class,
            List.of("kubecontrollersconfiguration", "kubecontrollersconfig", "kubecontrollersconfigs", "kcc", "kccs")),
    NODE("Node", "nodes", false, Node.class, List.of("node", "no")),
    STAGED_GLOBAL_NETWORK_POLICY("StagedGlobalNetworkPolicy", "stagedglobalnetworkpolicies", false,
            StagedGlobalNetworkPolicy.class, List.of("stagedglobalnetworkpolicy", "sgnp", "sgnps")),
    STAGED_NETWORK_POLICY("StagedNetworkPolicy", "stagednetworkpolicies", true, StagedNetworkPolicy.class,
            List.of("stagednetworkpolicy", "snp", "snps")),
    LOCKOUT_GUARD("LockoutGuard", "lockoutguards", false, LockoutGuard.class, List.of("lockoutguard", "lg"),
            Resource.PALISADE_API_VERSION);

    private final String kindName;
    private final String plural;
    private final boolean namespaced;
    private final Class<? extends Resource> type;
    private final List<String> aliases;
    private final String apiVersion;

    Kind(String kindName, String plural, boolean namespaced, Class<? extends Resource> type, List<String> aliases) {
        this(kindName, plural, namespaced, type, aliases, Resource.API_VERSION);
    }

    Kind(String kindName, String plural, boolean namespaced, Class<? extends Resource> type, List<String> aliases,
         String apiVersion) {
        this.apiVersion = apiVersion;
        this.kindName = kindName;
        this.plural = plural;
        this.namespaced = namespaced;
        this.type = type;
        this.aliases = aliases;
    }

    public String kindName() {
        return kindName;
    }

    /** {@code projectcalico.org/v3} for Calico's kinds, {@code palisade.dev/v1} for Palisade's own. */
    public String apiVersion() {
        return apiVersion;
    }

    public String plural() {
        return plural;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public Class<? extends Resource> type() {
        return type;
    }

    /** By the exact {@code kind:} value of a manifest. */
    public static Optional<Kind> byName(String kindName) {
        for (Kind k : values()) {
            if (k.kindName.equals(kindName)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** By anything a user may type on the command line or in a URL: kind, plural or an alias, any case. */
    public static Optional<Kind> lookup(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Kind k : values()) {
            if (k.kindName.toLowerCase(Locale.ROOT).equals(w) || k.plural.equals(w) || k.aliases.contains(w)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static Kind of(Class<?> type) {
        for (Kind k : values()) {
            if (k.type == type) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a resource type: " + type);
    }
}
