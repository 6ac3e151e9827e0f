package dev.palisade.ingest.core.api;

import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.util.List;
import java.util.Optional;

/**
 * Resources every Calico datastore has: the synthesised {@code projectcalico-default-allow} profile (never
 * stored, never changeable), and the {@code default} FelixConfiguration and KubeControllersConfiguration
 * created at first start with kube-controllers' defaults (spec §1.9).
 */
public final class Builtins {

    public static final ResourceKey DEFAULT_ALLOW = new ResourceKey(Kind.PROFILE, null, "projectcalico-default-allow");

    private static final String DEFAULT_ALLOW_YAML = """
            apiVersion: projectcalico.org/v3
            kind: Profile
            metadata:
              name: projectcalico-default-allow
              resourceVersion: "0"
            spec:
              ingress:
              - action: Allow
              egress:
              - action: Allow
            """;

    private static final String SEEDED_YAML = """
            apiVersion: projectcalico.org/v3
            kind: FelixConfiguration
            metadata:
              name: default
            spec:
              logSeverityScreen: Info
            ---
            apiVersion: projectcalico.org/v3
            kind: KubeControllersConfiguration
            metadata:
              name: default
            spec:
              logSeverityScreen: Info
              healthChecks: Enabled
              etcdV3CompactionPeriod: 10m
              controllers:
                node:
                  reconcilerPeriod: 5m
                  syncLabels: Enabled
                  leakGracePeriod: 15m
                  hostEndpoint:
                    autoCreate: Disabled
                    createDefaultHostEndpoint: Enabled
                policy:
                  reconcilerPeriod: 5m
                workloadEndpoint:
                  reconcilerPeriod: 5m
                serviceAccount:
                  reconcilerPeriod: 5m
                namespace:
                  reconcilerPeriod: 5m
                loadBalancer:
                  assignIPs: AllServices
                migration:
                  policyNameMigrator: Enabled
            """;

    private final Resource defaultAllow;
    private final List<Resource> seeded;

    public Builtins(ResourceCodec codec) {
        this.defaultAllow = codec.decodeSingle(DEFAULT_ALLOW_YAML);
        this.seeded = codec.decodeAll(SEEDED_YAML).stream()
                .map(decoded -> ((dev.palisade.model.codec.Decoded.Ok) decoded).resource())
                .toList();
    }

    public boolean isReadOnly(ResourceKey key) {
        return DEFAULT_ALLOW.equals(key);
    }

    /** The synthesised resource for a read-only key. */
    public Optional<Resource> synthesised(ResourceKey key) {
        return isReadOnly(key) ? Optional.of(defaultAllow) : Optional.empty();
    }

    /** Synthesised resources of a kind, to be listed with the stored ones. */
    public List<Resource> synthesised(Kind kind) {
        return kind == Kind.PROFILE ? List.of(defaultAllow) : List.of();
    }

    /** Resources created at first start when absent. */
    public List<Resource> seeded() {
        return seeded;
    }
}
