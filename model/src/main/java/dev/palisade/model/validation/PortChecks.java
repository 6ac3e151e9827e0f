package dev.palisade.model.validation;

import dev.palisade.model.resource.Port;

/** One rule port: a number, an inclusive range or a named port. */
final class PortChecks {

    static final int MAX_PORT = 65535;

    private PortChecks() {
    }

    static void check(String path, Port port, Problems problems) {
        if (port == null) {
            problems.add(path, "a port must not be null");
        } else if (port.isNamed()) {
            if (port.min() != 0 || port.max() != 0) {
                problems.add(path, "named port invalid, if name is specified, min and max should be 0");
            } else {
                problems.addIfPresent(path, Names.rulePortName(port.name()));
            }
        } else if (port.min() > port.max()) {
            problems.add(path, "port range invalid");
        } else if (port.min() < 1 || port.max() > MAX_PORT) {
            problems.add(path, "port range invalid, port number must be between 1 and 65535");
        }
    }
}
