package dev.palisade.driver.adapter;

import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the driver's status to {@code palisade.status}, keyed by node name. A status record is how everyone
 * learns that a change is enforced, one per apply: it is sent at once ({@code linger.ms=0}), not batched.
 */
public final class KafkaStatusPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaStatusPublisher.class.getName());

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final DataplaneCodec codec = new DataplaneCodec();

    /** {@code client}: bootstrap servers and security ({@link DriverOptions#kafkaClient()}). */
    public KafkaStatusPublisher(Map<String, Object> client, String topic) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public void publish(DataplaneStatus status) {
        producer.send(new ProducerRecord<>(topic, status.node(), codec.encodeStatus(status)), (meta, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "status not published: {0}", error.toString());
            }
        });
    }

    @Override
    public void close() {
        producer.close();
    }
}
