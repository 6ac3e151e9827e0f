package dev.palisade.model.dataplane;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * A profile's rules. A profile an endpoint names but the datastore lacks is sent with {@code missing} true
 * and a single Deny rule per direction: Calico enforces such a profile as deny-all once in sync.
 */
public record ProfileEntry(String name, boolean missing, List<RuleEntry> ingress, List<RuleEntry> egress)
        implements DataplaneEntry {

    public ProfileEntry {
        ingress = EndpointEntry.copy(ingress);
        egress = EndpointEntry.copy(egress);
    }

    public List<RuleEntry> rules(Direction d) {
        return d == Direction.INGRESS ? ingress : egress;
    }

    @Override
    @JsonIgnore
    public String id() {
        return name;
    }

    @Override
    public EntryType type() {
        return EntryType.PROFILE;
    }
}
