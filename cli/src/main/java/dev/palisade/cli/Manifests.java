package dev.palisade.cli;

import dev.palisade.model.codec.ResourceCodec;

/** How every CLI verb reads manifests; the one place that decides which legacy formats are understood. */
final class Manifests {

    private Manifests() {
    }

    static ResourceCodec codec() {
        return new ResourceCodec();
    }
}
