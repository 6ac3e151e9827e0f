package dev.palisade.driver.core;

import dev.palisade.model.dataplane.NodeConfigEntry;
import dev.palisade.model.semantics.FelixSettings;

/** Felix's built-in settings (spec §1.8), in force while the calculator has sent no {@code config} entry. */
public final class FelixDefaults {

    /** The same built-ins the calculator and the simulator start from. */
    public static final NodeConfigEntry CONFIG = FelixSettings.builtIn().toEntry();

    private FelixDefaults() {
    }
}
