package dev.palisade.driver.adapter;

import java.time.Duration;
import java.util.Map;

/**
 * Command-line options of the driver, each also settable by environment ({@code PALISADE_NODE},
 * {@code PALISADE_NETNS}, {@code PALISADE_BOOTSTRAP}, …); the command line wins.
 *
 * @param netns       network namespace to enforce in (nft and interface reads run there); null = our own
 * @param metricsPort port for Prometheus metrics on 127.0.0.1; 0 = no endpoint
 * @param dataplane   {@code nftables} (the default) or {@code iptables}
 * @param iptables    which iptables: {@code auto} (detected as Felix does), {@code nft} or {@code legacy}
 */
public record DriverOptions(String node, String netns, String bootstrap, String dataplaneTopic, String statusTopic,
                            Duration driftInterval, Duration interfacePoll, int metricsPort, String dataplane,
                            String iptables) {

    public static final String USAGE = """
            usage: palisade-driver --node NAME [--netns NS] [--bootstrap HOST:PORT] [--drift-interval SECONDS]
                                   [--interface-poll-ms MS] [--dataplane-topic T] [--status-topic T] [--metrics-port P]
                                   [--dataplane nftables|iptables] [--iptables auto|nft|legacy]""";

    public static DriverOptions parse(String[] args, Map<String, String> env) {
        String node = env.get("PALISADE_NODE");
        String netns = env.get("PALISADE_NETNS");
        String bootstrap = env.getOrDefault("PALISADE_BOOTSTRAP", "127.0.0.1:9092");
        String dataplaneTopic = "palisade.dataplane";
        String status = "palisade.status";
        long drift = Long.parseLong(env.getOrDefault("PALISADE_DRIFT_INTERVAL", "10"));
        long poll = 500;
        int metrics = 0;
        String dataplane = env.getOrDefault("PALISADE_DATAPLANE", "nftables");
        String iptables = env.getOrDefault("PALISADE_IPTABLES", "auto");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--node" -> node = value;
                case "--netns" -> netns = value;
                case "--bootstrap" -> bootstrap = value;
                case "--dataplane-topic" -> dataplaneTopic = value;
                case "--status-topic" -> status = value;
                case "--drift-interval" -> drift = number(name, value);
                case "--interface-poll-ms" -> poll = number(name, value);
                case "--metrics-port" -> metrics = (int) number(name, value);
                case "--dataplane" -> dataplane = value;
                case "--iptables" -> iptables = value;
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("--node (or PALISADE_NODE) is required\n" + USAGE);
        }
        if (drift <= 0 || poll <= 0) {
            throw new IllegalArgumentException("--drift-interval and --interface-poll-ms must be positive");
        }
        if (!dataplane.equals("nftables") && !dataplane.equals("iptables")) {
            throw new IllegalArgumentException("--dataplane: \"" + dataplane + "\" is not nftables or iptables");
        }
        if (!iptables.equals("auto") && !iptables.equals("nft") && !iptables.equals("legacy")) {
            throw new IllegalArgumentException("--iptables: \"" + iptables + "\" is not auto, nft or legacy");
        }
        return new DriverOptions(node, netns, bootstrap, dataplaneTopic, status, Duration.ofSeconds(drift),
                Duration.ofMillis(poll), metrics, dataplane, iptables);
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": \"" + value + "\" is not a number");
        }
    }
}
