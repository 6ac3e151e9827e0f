package dev.palisade.testkit.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Kafka records for the CloudEvent intake, made from {@link InputMutator}'s resources: every event type the
 * intake knows and some it does not, in structured and binary mode, with envelopes that lose or garble an
 * attribute, data of the wrong shape, and values that are not JSON at all. Every resource and node it names is
 * called {@code <prefix>-N}, so a run changes nothing another test owns.
 */
public final class CloudEventMutator {

    /** One Kafka record: key, headers (text values) and value. */
    public record Event(String key, Map<String, String> headers, byte[] value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> KNOWN_TYPES = List.of("palisade.resource.applied", "palisade.resource.deleted",
            "io.k8s.node.added", "io.k8s.node.updated", "io.k8s.node.deleted");
    private static final List<String> ODD_TYPES = List.of("", " ", "palisade.resource.applied.v2",
            "io.k8s.node.removed", "PALISADE.RESOURCE.APPLIED", "a".repeat(3000));
    private static final List<String> KINDS = List.of("GlobalNetworkPolicy", "HostEndpoint", "NetworkSet",
            "GlobalNetworkSet", "globalnetworkpolicies", "NoSuchKind", "");
    private static final List<String> ATTRIBUTES = List.of("id", "source", "type", "specversion");

    private final InputMutator resources;
    private final String prefix;

    public CloudEventMutator(InputMutator resources, String prefix) {
        this.resources = resources;
        this.prefix = prefix;
    }

    public Event next(Random random, int n) {
        String type = random.nextInt(8) == 0 ? ODD_TYPES.get(random.nextInt(ODD_TYPES.size()))
                : KNOWN_TYPES.get(weighted(random));
        Object data = switch (type) {
            case "palisade.resource.deleted" -> deleted(random);
            case "io.k8s.node.added", "io.k8s.node.updated" -> node(random, n);
            case "io.k8s.node.deleted" -> NODES.objectNode().put("name", prefix + "-" + random.nextInt(n + 1));
            default -> resource(random, n);
        };
        String key = prefix + "-" + n;
        return random.nextInt(10) < 7 ? structured(random, key, n, type, data) : binary(random, key, n, type, data);
    }

    /** Mostly applied resources, as the intake mostly sees. */
    private static int weighted(Random random) {
        int roll = random.nextInt(20);
        return roll < 12 ? 0 : roll < 14 ? 1 : roll < 16 ? 2 : roll < 18 ? 3 : 4;
    }

    /** A mutated resource, renamed into this run's names when it still has a name; text when it is not a tree. */
    private Object resource(Random random, int n) {
        String text = resources.next(random);
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree != null && tree.path("metadata") instanceof ObjectNode meta && meta.path("name").isTextual()) {
                meta.put("name", prefix + "-" + n);
                if (meta.path("namespace").isTextual()) {
                    meta.put("namespace", prefix);
                }
            }
            return tree == null ? text : tree;
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private Object deleted(Random random) {
        ObjectNode data = NODES.objectNode();
        data.put("kind", KINDS.get(random.nextInt(KINDS.size())));
        data.put("name", prefix + "-" + random.nextInt(1000));
        switch (random.nextInt(5)) {
            case 0 -> data.remove("name");
            case 1 -> data.put("namespace", prefix);
            case 2 -> data.set("name", NODES.numberNode(7));
            default -> { }
        }
        return data;
    }

    private Object node(Random random, int n) {
        ObjectNode data = NODES.objectNode();
        data.put("name", prefix + "-" + n);
        data.putObject("labels").put("fuzz", "yes");
        data.putArray("addresses").add("198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
        data.putArray("interfaces").addObject().put("name", "eth0");
        switch (random.nextInt(7)) {
            case 0 -> data.remove("name");
            case 1 -> data.put("name", "Not A DNS Name!");
            case 2 -> data.put("labels", "zone=a");
            case 3 -> data.putArray("addresses").add("300.1.1.1");
            case 4 -> data.put("interfaces", 5);
            case 5 -> data.put("colour", "red");
            default -> { }
        }
        return random.nextInt(15) == 0 ? NODES.arrayNode().add(data) : data;
    }

    private static Event structured(Random random, String key, int n, String type, Object data) {
        ObjectNode envelope = NODES.objectNode();
        envelope.put("specversion", "1.0");
        envelope.put("id", "fuzz-" + n);
        envelope.put("source", "/fuzz/cloudevents");
        envelope.put("type", type);
        envelope.put("datacontenttype", "application/json");
        if (data instanceof JsonNode tree) {
            envelope.set("data", tree);
        } else {
            envelope.put("data", (String) data); // a string where an object belongs
        }
        if (random.nextInt(5) == 0) {
            String attribute = ATTRIBUTES.get(random.nextInt(ATTRIBUTES.size()));
            if (random.nextBoolean()) {
                envelope.remove(attribute);
            } else {
                envelope.put(attribute, 42);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(6) != 0) {
            headers.put("content-type", "application/cloudevents+json");
        }
        byte[] value = bytes(random.nextInt(25) == 0 ? NODES.arrayNode().add(envelope) : envelope);
        return new Event(key, headers, maybeTruncated(random, value));
    }

    private static Event binary(Random random, String key, int n, String type, Object data) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "fuzz-" + n);
        headers.put("ce_source", "/fuzz/cloudevents");
        headers.put("ce_type", type);
        headers.put("content-type", "application/json");
        if (random.nextInt(5) == 0) {
            headers.remove("ce_" + ATTRIBUTES.get(random.nextInt(ATTRIBUTES.size())));
        }
        byte[] value = data instanceof JsonNode tree ? bytes(tree) : ((String) data).getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(30) == 0) {
            value = new byte[0];
        }
        return new Event(key, headers, maybeTruncated(random, value));
    }

    private static byte[] maybeTruncated(Random random, byte[] value) {
        return value.length > 1 && random.nextInt(20) == 0 ? Arrays.copyOf(value, random.nextInt(value.length)) : value;
    }

    private static byte[] bytes(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
