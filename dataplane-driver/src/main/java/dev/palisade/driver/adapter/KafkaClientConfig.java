package dev.palisade.driver.adapter;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code --kafka-config FILE}: Kafka client properties in the format of the Kafka tools' {@code --command-config}
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, …), given to the driver's consumer and producer.
 */
final class KafkaClientConfig {

    private KafkaClientConfig() {
    }

    static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("--kafka-config " + file + ": cannot read it: " + e.getMessage(), e);
        }
        Map<String, String> config = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        return Map.copyOf(config);
    }
}
