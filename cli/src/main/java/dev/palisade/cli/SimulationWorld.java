package dev.palisade.cli;

import dev.palisade.model.FieldError;
import dev.palisade.model.codec.Decoded;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.semantics.World;
import dev.palisade.model.validation.Defaulter;
import dev.palisade.model.validation.Validator;

import java.util.ArrayList;
import java.util.List;

/**
 * The resources a simulation runs against: decoded, defaulted and validated as on create. A simulation
 * over resources Calico would refuse would explain nothing, so any error stops it before the first packet.
 */
final class SimulationWorld {

    /** Either the world or every problem found, each naming its source, resource and field. */
    record Loaded(World world, List<String> problems) {
    }

    private SimulationWorld() {
    }

    static Loaded load(List<ManifestSources.Source> sources) {
        Defaulter defaulter = new Defaulter();
        Validator validator = new Validator();
        List<Resource> resources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ManifestSources.Source source : sources) {
            for (Decoded decoded : Manifests.codec().decodeAll(source.text())) {
                switch (decoded) {
                    case Decoded.Ok ok -> {
                        Resource r = defaulter.applyDefaults(ok.resource());
                        List<FieldError> errors = validator.validate(r);
                        errors.forEach(e -> problems.add(source.name() + ": " + r.kind().kindName() + "/"
                                + r.metadata().name() + ": " + e));
                        if (errors.isEmpty()) {
                            resources.add(r);
                        }
                    }
                    case Decoded.Failed failed -> failed.errors().forEach(e -> problems.add(source.name()
                            + ": resource " + (failed.index() + 1) + (failed.name() == null ? "" : " ("
                            + failed.name() + ")") + ": " + e));
                }
            }
        }
        return new Loaded(problems.isEmpty() ? World.of(resources) : null, problems);
    }
}
