package dev.palisade.model.validation;

import dev.palisade.model.FieldError;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.Resource;

import java.util.List;

/**
 * What is accepted and kept but has no effect in Palisade: an imported Calico install sets BPF, VXLAN or
 * WireGuard options that concern workloads, not host endpoints. Users are told (CLI output, REST
 * {@code Warning} header), never refused, so an export applies unchanged. Stateless.
 */
public final class Warnings {

    public List<FieldError> of(Resource resource) {
        if (resource instanceof FelixConfiguration f) {
            return f.spec().unacted().keySet().stream()
                    .map(field -> new FieldError("spec." + field, "kept, but Palisade does not act on this setting"))
                    .toList();
        }
        return List.of();
    }
}
