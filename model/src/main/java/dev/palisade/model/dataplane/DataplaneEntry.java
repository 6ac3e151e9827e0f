package dev.palisade.model.dataplane;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One value on {@code palisade.dataplane}: a piece of one node's desired state. Entries are full snapshots
 * of their key (never deltas), so a compacted topic always holds a node's complete state; removal is a
 * tombstone (a {@link DataplaneMessage} without entry). See {@code docs/dataplane-format.md}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EndpointEntry.class, name = "endpoint"),
        @JsonSubTypes.Type(value = PolicyEntry.class, name = "policy"),
        @JsonSubTypes.Type(value = ProfileEntry.class, name = "profile"),
        @JsonSubTypes.Type(value = IpSetEntry.class, name = "ipset"),
        @JsonSubTypes.Type(value = NamedPortSetEntry.class, name = "portset"),
        @JsonSubTypes.Type(value = NodeConfigEntry.class, name = "config"),
        @JsonSubTypes.Type(value = BatchBarrier.class, name = "barrier")})
public sealed interface DataplaneEntry
        permits EndpointEntry, PolicyEntry, ProfileEntry, IpSetEntry, NamedPortSetEntry, NodeConfigEntry,
                BatchBarrier {

    /** The last segment of the key: unique among the node's entries of the same type. */
    String id();

    @JsonIgnore
    EntryType type();
}
