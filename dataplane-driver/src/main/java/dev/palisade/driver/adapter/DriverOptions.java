package dev.palisade.driver.adapter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options of the driver, each also settable by environment ({@code PALISADE_NODE},
 * {@code PALISADE_NETNS}, {@code PALISADE_BOOTSTRAP}, …); the command line wins.
 *
 * @param kafka       Kafka client properties of {@code --kafka-config FILE} ({@code PALISADE_KAFKA_CONFIG}): security
 *                    (SASL, TLS) for the consumer and the producer; {@code bootstrap.servers} is {@link #bootstrap}
 * @param netns       network namespace to enforce in (nft and interface reads run there); null = our own
 * @param metricsAddress address the metrics endpoint binds ({@code PALISADE_METRICS_ADDRESS}); loopback by default,
 *                       so a driver in the host's network namespace exposes nothing until told where Prometheus
 *                       reaches it (compose: {@code 0.0.0.0} of the node container; Kubernetes: the pod IP)
 * @param metricsPort    port for Prometheus metrics; 0 = no endpoint
 * @param dataplane      {@code auto} (the default: the node's FelixConfiguration {@code nftablesMode} decides),
 *                       {@code nftables} or {@code iptables}, which override it
 * @param iptables       which iptables: {@code auto} (detected as Felix does), {@code nft} or {@code legacy}
 * @param nftLibrary     nftables: apply through libnftables in-process (the default) rather than by running
 *                       {@code nft -f}
 */
public record DriverOptions(String node, String netns, String bootstrap, String dataplaneTopic, String statusTopic,
                            Duration driftInterval, Duration interfacePoll, String metricsAddress, int metricsPort,
                            String dataplane, String iptables, boolean nftLibrary, Map<String, String> kafka) {

    public static final String USAGE = """
            usage: palisade-driver --node NAME [--netns NS] [--bootstrap HOST:PORT] [--kafka-config FILE]
                                   [--drift-interval SECONDS]
                                   [--interface-poll-ms MS] [--dataplane-topic T] [--status-topic T] [--metrics-address ADDR]
                                   [--metrics-port P] [--dataplane auto|nftables|iptables] [--iptables auto|nft|legacy]
                                   [--nft library|cli]""";

    public static DriverOptions parse(String[] args, Map<String, String> env) {
        String node = env.get("PALISADE_NODE");
        String netns = env.get("PALISADE_NETNS");
        String bootstrap = env.get("PALISADE_BOOTSTRAP");
        String kafkaConfig = env.get("PALISADE_KAFKA_CONFIG");
        String dataplaneTopic = "palisade.dataplane";
        String status = "palisade.status";
        long drift = Long.parseLong(env.getOrDefault("PALISADE_DRIFT_INTERVAL", "10"));
        long poll = 500;
        String metricsAddress = env.getOrDefault("PALISADE_METRICS_ADDRESS", "127.0.0.1");
        int metrics = 0;
        String nft = env.getOrDefault("PALISADE_NFT", "library");
        String dataplane = env.getOrDefault("PALISADE_DATAPLANE", "auto");
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
                case "--kafka-config" -> kafkaConfig = value;
                case "--dataplane-topic" -> dataplaneTopic = value;
                case "--status-topic" -> status = value;
                case "--drift-interval" -> drift = number(name, value);
                case "--interface-poll-ms" -> poll = number(name, value);
                case "--metrics-address" -> metricsAddress = value;
                case "--metrics-port" -> metrics = (int) number(name, value);
                case "--nft" -> nft = value;
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
        if (metricsAddress.isBlank()) {
            throw new IllegalArgumentException("--metrics-address (or PALISADE_METRICS_ADDRESS) must not be empty");
        }
        if (!dataplane.equals("auto") && !dataplane.equals("nftables") && !dataplane.equals("iptables")) {
            throw new IllegalArgumentException("--dataplane: \"" + dataplane + "\" is not auto, nftables or iptables");
        }
        if (!iptables.equals("auto") && !iptables.equals("nft") && !iptables.equals("legacy")) {
            throw new IllegalArgumentException("--iptables: \"" + iptables + "\" is not auto, nft or legacy");
        }
        if (!nft.equals("library") && !nft.equals("cli")) {
            throw new IllegalArgumentException("--nft (or PALISADE_NFT) must be library or cli, not \"" + nft + "\"");
        }
        Map<String, String> kafka = kafkaConfig == null || kafkaConfig.isBlank() ? Map.of()
                : KafkaClientConfig.load(Path.of(kafkaConfig));
        // --bootstrap wins over the file's bootstrap.servers, which wins over the loopback default
        String servers = bootstrap != null ? bootstrap : kafka.getOrDefault("bootstrap.servers", "127.0.0.1:9092");
        return new DriverOptions(node, netns, servers, dataplaneTopic, status, Duration.ofSeconds(drift),
                Duration.ofMillis(poll), metricsAddress, metrics, dataplane, iptables, nft.equals("library"), kafka);
    }

    /** The properties every Kafka client of the driver starts from: the file's, with the bootstrap servers. */
    public Map<String, Object> kafkaClient() {
        Map<String, Object> client = new HashMap<>(kafka);
        client.put("bootstrap.servers", bootstrap);
        return client;
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": \"" + value + "\" is not a number");
        }
    }
}
