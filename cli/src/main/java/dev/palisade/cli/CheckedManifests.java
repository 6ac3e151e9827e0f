package dev.palisade.cli;

import dev.palisade.model.FieldError;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.validation.Defaulter;
import dev.palisade.model.validation.Validator;

import java.util.ArrayList;
import java.util.List;

/**
 * Decode, default, validate: what Calico does to a resource on create, and the one way every verb reading
 * {@code -f} manifests checks them. Each verb only decides how to report the outcome.
 */
final class CheckedManifests {

    /** One resource of a source, in stream order, with everything wrong with it (nothing when valid). */
    sealed interface Checked {
        ManifestSources.Source source();

        List<FieldError> errors();
    }

    /** Decoded and defaulted; {@code errors} are validation's, {@code convertedFrom} the legacy apiVersion or null. */
    record Decodable(ManifestSources.Source source, Resource resource, String convertedFrom, List<FieldError> errors)
            implements Checked {
        Decodable {
            errors = List.copyOf(errors);
        }
    }

    /** Not a resource at all: nothing to default or validate. */
    record Undecodable(ManifestSources.Source source, Decoded.Failed failed) implements Checked {
        @Override
        public List<FieldError> errors() {
            return failed.errors();
        }
    }

    private CheckedManifests() {
    }

    static List<Checked> check(List<ManifestSources.Source> sources) {
        Defaulter defaulter = new Defaulter();
        Validator validator = new Validator();
        List<Checked> out = new ArrayList<>();
        for (ManifestSources.Source source : sources) {
            for (Decoded decoded : Manifests.codec().decodeAll(source.text())) {
                out.add(switch (decoded) {
                    case Decoded.Ok ok -> {
                        Resource r = defaulter.applyDefaults(ok.resource());
                        yield new Decodable(source, r, ok.convertedFrom(), validator.validate(r));
                    }
                    case Decoded.Failed failed -> new Undecodable(source, failed);
                });
            }
        }
        return out;
    }
}
