package dev.palisade.ingest.core.store;

import dev.palisade.model.resource.Resource;

import java.util.List;

/** Resources read at one datastore revision. */
public record Listing(List<Resource> items, long revision) {
    public Listing {
        items = List.copyOf(items);
    }
}
