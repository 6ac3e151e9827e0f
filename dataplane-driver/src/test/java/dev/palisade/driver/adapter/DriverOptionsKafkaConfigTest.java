package dev.palisade.driver.adapter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --kafka-config FILE}: its properties reach the clients; {@code --bootstrap} wins over its servers. */
class DriverOptionsKafkaConfigTest {

    @Test
    void theFilesPropertiesReachTheClientsAndBootstrapWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, """
                bootstrap.servers=kafka-0:9093
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                """);
        DriverOptions fromFile = DriverOptions.parse(new String[] {"--node", "n1"},
                Map.of("PALISADE_KAFKA_CONFIG", file.toString()));
        assertThat(fromFile.kafkaClient()).containsEntry("bootstrap.servers", "kafka-0:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        DriverOptions flag = DriverOptions.parse(new String[] {"--node", "n1", "--kafka-config", file.toString(),
                "--bootstrap", "198.18.0.9:9093"}, Map.of());
        assertThat(flag.kafkaClient()).containsEntry("bootstrap.servers", "198.18.0.9:9093")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(DriverOptions.parse(new String[] {"--node", "n1"}, Map.of()).kafkaClient())
                .isEqualTo(Map.of("bootstrap.servers", "127.0.0.1:9092"));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> DriverOptions.parse(new String[] {"--node", "n1", "--kafka-config", missing.toString()},
                Map.of())).isInstanceOf(UncheckedIOException.class).hasMessageContaining("--kafka-config " + missing);
    }
}
