package dev.palisade.ingest.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.ingest.core.intake.CloudEvent;
import dev.palisade.ingest.core.intake.CloudEventReader;
import dev.palisade.ingest.core.intake.RejectedEventException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventReaderTest {

    private final CloudEventReader reader = new CloudEventReader(new ObjectMapper());

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsBinaryMode() {
        CloudEvent event = reader.read(Map.of("ce_specversion", "1.0", "ce_id", "1", "ce_source", "/k8s",
                "ce_type", "io.k8s.node.added"), bytes("{\"name\":\"n1\"}"));

        assertThat(event.type()).isEqualTo("io.k8s.node.added");
        assertThat(event.source()).isEqualTo("/k8s");
        assertThat(event.data().path("name").asText()).isEqualTo("n1");
    }

    @Test
    void readsStructuredMode() {
        CloudEvent event = reader.read(Map.of("content-type", "application/cloudevents+json; charset=utf-8"),
                bytes("{\"specversion\":\"1.0\",\"id\":\"2\",\"source\":\"/s\",\"type\":\"t\",\"data\":{\"x\":1}}"));

        assertThat(event.id()).isEqualTo("2");
        assertThat(event.data().path("x").asInt()).isEqualTo(1);
    }

    @Test
    void rejectsWithAReason() {
        assertThatThrownBy(() -> reader.read(Map.of(), bytes("{oops")))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> reader.read(Map.of(), bytes("{\"a\":1}")))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("not a CloudEvent");
        assertThatThrownBy(() -> reader.read(Map.of("ce_specversion", "1.0", "ce_id", "1", "ce_source", "/s"), bytes("{}")))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("ce_type");
        assertThatThrownBy(() -> reader.read(Map.of("content-type", "application/cloudevents+json"), new byte[0]))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("empty");
    }
}
