package dev.palisade.bench;

import java.lang.management.ManagementFactory;

/** What every benchmark reports about the machine it ran on. */
final class Machine {

    private Machine() {
    }

    /** The one-minute load average, which every RESULT line carries: figures from a busy machine read differently. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Heap in use after a few full collections: what is live, not what is garbage yet. */
    static double liveHeapMiB() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
