package dev.palisade.calculator.adapter;

import java.util.Map;

/**
 * Command-line options of the calculator, each also settable by environment ({@code PALISADE_BOOTSTRAP},
 * {@code PALISADE_HEALTH_PORT}, …); the command line wins.
 *
 * @param dataplanePartitions partitions of {@code palisade.dataplane} when the calculator creates it
 * @param healthPort          port for {@code /health/ready} and {@code /metrics} on 127.0.0.1; 0 = none
 */
public record CalculatorOptions(String bootstrap, String resourcesTopic, String dataplaneTopic, int dataplanePartitions,
                                int healthPort) {

    public static final String USAGE = """
            usage: palisade-calculator [--bootstrap HOST:PORT] [--resources-topic T] [--dataplane-topic T]
                                       [--dataplane-partitions N] [--health-port P]""";

    public static CalculatorOptions parse(String[] args, Map<String, String> env) {
        String bootstrap = env.getOrDefault("PALISADE_BOOTSTRAP", "127.0.0.1:9092");
        String resources = "palisade.resources";
        String dataplane = "palisade.dataplane";
        int partitions = (int) number("PALISADE_DATAPLANE_PARTITIONS", env.getOrDefault("PALISADE_DATAPLANE_PARTITIONS", "6"));
        int health = (int) number("PALISADE_HEALTH_PORT", env.getOrDefault("PALISADE_HEALTH_PORT", "0"));
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--bootstrap" -> bootstrap = value;
                case "--resources-topic" -> resources = value;
                case "--dataplane-topic" -> dataplane = value;
                case "--dataplane-partitions" -> partitions = (int) number(name, value);
                case "--health-port" -> health = (int) number(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (partitions <= 0) {
            throw new IllegalArgumentException("--dataplane-partitions must be positive, got " + partitions);
        }
        return new CalculatorOptions(bootstrap, resources, dataplane, partitions, health);
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": \"" + value + "\" is not a number");
        }
    }
}
