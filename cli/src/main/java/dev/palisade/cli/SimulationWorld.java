package dev.palisade.cli;

import dev.palisade.model.resource.Resource;
import dev.palisade.model.semantics.World;

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
        List<Resource> resources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CheckedManifests.Checked checked : CheckedManifests.check(sources)) {
            String where = checked.source().name() + ": " + switch (checked) {
                case CheckedManifests.Decodable d -> d.resource().kind().kindName() + "/"
                        + d.resource().metadata().name();
                case CheckedManifests.Undecodable u -> "resource " + (u.failed().index() + 1)
                        + (u.failed().name() == null ? "" : " (" + u.failed().name() + ")");
            };
            checked.errors().forEach(e -> problems.add(where + ": " + e));
            if (checked instanceof CheckedManifests.Decodable d && d.errors().isEmpty()) {
                resources.add(d.resource());
            }
        }
        return new Loaded(problems.isEmpty() ? World.of(resources) : null, problems);
    }
}
