package dev.palisade.cli;

import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.convert.V1Converter;

/** How every CLI verb reads manifests; the one place that decides which legacy formats are understood. */
final class Manifests {

    private Manifests() {
    }

    static ResourceCodec codec() {
        return new ResourceCodec(new V1Converter());
    }
}
