package dev.palisade.calculator.engine;

/** Address spelling for IP-set members and rule nets: a bare address gets its host prefix length. */
final class Cidrs {
    private Cidrs() {
    }

    static String normalize(String net) {
        String s = net.trim();
        if (s.indexOf('/') >= 0) {
            return s;
        }
        return s + (s.indexOf(':') >= 0 ? "/128" : "/32");
    }
}
