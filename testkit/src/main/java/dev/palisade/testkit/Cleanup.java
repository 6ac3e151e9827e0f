package dev.palisade.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the testkit must undo if the JVM exits without the test doing it: processes still running,
 * network namespaces still present. One shutdown hook for everything, newest first.
 */
final class Cleanup {

    private static final Set<AutoCloseable> LIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private Cleanup() {
    }

    static synchronized void register(AutoCloseable resource) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::closeAll, "palisade-testkit-cleanup"));
            hookInstalled = true;
        }
        LIVE.add(resource);
    }

    static synchronized void unregister(AutoCloseable resource) {
        LIVE.remove(resource);
    }

    private static void closeAll() {
        List<AutoCloseable> resources;
        synchronized (Cleanup.class) {
            resources = new ArrayList<>(LIVE);
        }
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("palisade-testkit: cleanup of " + resource + " failed: " + e);
            }
        }
    }
}
