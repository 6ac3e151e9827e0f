package dev.palisade.model.validation;

import dev.palisade.model.FieldError;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.GlobalNetworkSet;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.LockoutGuard;
import dev.palisade.model.resource.NetworkPolicy;
import dev.palisade.model.resource.NetworkSet;
import dev.palisade.model.resource.Node;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.StagedGlobalNetworkPolicy;
import dev.palisade.model.resource.StagedNetworkPolicy;
import dev.palisade.model.resource.Tier;

import java.util.List;

/**
 * Calico's create/update validation (spec §2) for one resource. Every error is collected, each with the
 * field path a user reads in YAML ({@code spec.ingress[1].destination.ports[0]}), so a manifest can be
 * fixed in one pass. Run {@link Defaulter} first, as Calico does. Stateless and thread-safe.
 */
public final class Validator {

    public List<FieldError> validate(Resource resource) {
        Problems problems = new Problems();
        switch (resource) {
            case HostEndpoint h -> {
                MetadataChecks.check(h.metadata(), Names::subdomain, problems);
                HostEndpointChecks.check(h.spec(), problems);
            }
            case GlobalNetworkPolicy g -> {
                MetadataChecks.check(g.metadata(), Names::globalPolicyName, problems);
                PolicyChecks.globalPolicy(g.spec(), problems);
            }
            case NetworkPolicy n -> {
                MetadataChecks.check(n.metadata(), Names::networkPolicyName, problems);
                MetadataChecks.namespace(n.metadata(), problems);
                PolicyChecks.networkPolicy(n.spec(), problems);
            }
            case Tier t -> {
                MetadataChecks.check(t.metadata(), Names::dnsLabel, problems);
                TierChecks.check(t, problems);
            }
            case Profile p -> {
                MetadataChecks.check(p.metadata(), Names::subdomain, problems);
                PolicyChecks.profile(p.spec(), problems);
            }
            case GlobalNetworkSet s -> {
                MetadataChecks.check(s.metadata(), Names::subdomain, problems);
                NetworkSetChecks.check(s.kind().kindName(), s.metadata(), s.spec(), problems);
            }
            case NetworkSet s -> {
                MetadataChecks.check(s.metadata(), Names::subdomain, problems);
                MetadataChecks.namespace(s.metadata(), problems);
                NetworkSetChecks.check(s.kind().kindName(), s.metadata(), s.spec(), problems);
            }
            case FelixConfiguration f -> {
                MetadataChecks.check(f.metadata(), Names::subdomain, problems);
                FelixConfigurationChecks.check(f.spec(), problems);
            }
            case KubeControllersConfiguration k -> {
                MetadataChecks.check(k.metadata(), Names::subdomain, problems);
                KubeControllersChecks.check(k, problems);
            }
            case Node n -> {
                MetadataChecks.check(n.metadata(), Names::subdomain, problems);
                NodeChecks.check(n.spec(), problems);
            }
            case StagedGlobalNetworkPolicy s -> {
                MetadataChecks.check(s.metadata(), Names::globalPolicyName, problems);
                StagedPolicyChecks.stagedAction(s.spec().stagedAction(), problems);
                PolicyChecks.globalPolicy(s.spec().policySpec(), problems);
            }
            case StagedNetworkPolicy s -> {
                MetadataChecks.check(s.metadata(), Names::networkPolicyName, problems);
                MetadataChecks.namespace(s.metadata(), problems);
                StagedPolicyChecks.stagedAction(s.spec().stagedAction(), problems);
                PolicyChecks.networkPolicy(s.spec().policySpec(), problems);
            }
            case LockoutGuard g -> {
                MetadataChecks.check(g.metadata(), Names::subdomain, problems);
                LockoutGuardChecks.check(g.spec(), problems);
            }
        }
        return problems.toList();
    }
}
