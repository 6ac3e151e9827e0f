package dev.palisade.driver.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several nodes' drivers in one process, for hosts that simulate many nodes (benchmarks, labs): each node
 * keeps its own consumer, state, kernel writer and status, exactly as if it ran alone; only the JVM is shared.
 * Usage: {@code palisade-driver-group [driver options…] NODE=NETNS…}, the options applying to every node.
 */
public final class DataplaneDriverGroup {

    private DataplaneDriverGroup() {
    }

    /** One {@link DriverOptions} per {@code NODE=NETNS} argument, each with the shared options. */
    static List<DriverOptions> parse(String[] args, Map<String, String> env) {
        List<String> shared = new ArrayList<>();
        List<String[]> nodes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                shared.add(args[i]);
                if (i + 1 < args.length) {
                    shared.add(args[++i]);
                }
            } else {
                String[] pair = args[i].split("=", 2);
                if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                    throw new IllegalArgumentException("\"" + args[i] + "\": expected NODE=NETNS");
                }
                nodes.add(pair);
            }
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no NODE=NETNS given\nusage: palisade-driver-group [options] NODE=NETNS...");
        }
        List<DriverOptions> options = new ArrayList<>();
        for (String[] node : nodes) {
            List<String> own = new ArrayList<>(shared);
            own.addAll(List.of("--node", node[0], "--netns", node[1]));
            options.add(DriverOptions.parse(own.toArray(String[]::new), env));
        }
        return options;
    }

    public static void main(String[] args) throws InterruptedException {
        List<DriverOptions> options;
        try {
            options = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<DataplaneDriver> drivers = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drivers.forEach(DataplaneDriver::close),
                "palisade-driver-group-shutdown"));
        for (DriverOptions o : options) {
            drivers.add(DataplaneDriver.start(o));
        }
        Thread.currentThread().join();
    }
}
