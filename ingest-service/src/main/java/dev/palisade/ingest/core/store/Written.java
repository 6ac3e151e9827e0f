package dev.palisade.ingest.core.store;

import dev.palisade.model.resource.Resource;

/** A committed change: the resource before (null on create) and after (null on delete), at {@code revision}. */
public record Written(long revision, Resource before, Resource after) {
}
