package dev.palisade.calculator.engine;

import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;

import java.util.ArrayList;
import java.util.List;

/** Test resources written as users write them: YAML, decoded by the real codec. */
final class Resources {
    private static final ResourceCodec CODEC = new ResourceCodec();

    private Resources() {
    }

    static List<Resource> yaml(String text) {
        List<Resource> out = new ArrayList<>();
        for (Decoded d : CODEC.decodeAll(text)) {
            if (d instanceof Decoded.Ok ok) {
                out.add(ok.resource());
            } else {
                throw new IllegalArgumentException("bad test resource: " + d);
            }
        }
        return out;
    }
}
