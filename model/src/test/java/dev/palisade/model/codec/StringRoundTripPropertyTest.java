package dev.palisade.model.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * decode(encode(x)) == x for every kind, with random strings in every free-text place (label keys and values,
 * annotations, selectors, names), through our own reader and through SnakeYAML, a YAML 1.1 reader with
 * PyYAML's implicit resolvers (it reads {@code 1.10} as a float, {@code 22:25} as 1345, {@code on} as true).
 * Seeded, so a failure names a reproducible string.
 */
class StringRoundTripPropertyTest {

    private static final long SEED = 0x9a11_5ade_0018L;
    private static final int CASES_PER_KIND = 150;

    /** Strings that some YAML reader types, plus neighbours that must stay plain strings. */
    private static final List<String> TRICKY = List.of(
            "1.10", "1", "0", "-1", "+1", "007", "0o17", "0x1F", "0b101", "1_000", "1e3", "1E+3", ".5", "5.",
            "22:25", "190:20:30", "1:30.5", "yes", "Yes", "NO", "on", "Off", "y", "n", "true", "False", "~", "null",
            "Null", "", " ", " lead", "trail ", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
            ".inf", "-.Inf", ".NaN", "<<", "=", "-", "- x", "? x", "#x", "x #y", "a: b", "a:b", "[x]", "{x}", "*ref",
            "&anchor", "!tag", "|", ">", "'", "\"", "%x", "@x", "`x", "a\nb", "a\tb", "\t", "é", "ü:1", "1.0.0",
            "v1.10", "10.0.0.1", "198.18.0.0/15", "2001:db8::1", "::1", "a,b", "x\\y", "x\u2028y", "x\u0085y",
            "\u0007", "\uD83D\uDE00", "ver == \"1.10\"", "has(role)");

    private static final String ALPHABET = "0123456789._:-+eExXoObBnNyYtTfFaA~<= #'\"!&*?|>%@`,[]{}\\\n\té\u2028";

    private final ResourceCodec codec = new ResourceCodec();
    private final Yaml yaml11 = new Yaml();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyStringSurvivesOurReaderAndAYaml11Reader(Kind kind) {
        Random random = new Random(SEED + kind.ordinal());
        for (int i = 0; i < CASES_PER_KIND; i++) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (int n = 0; n < 3; n++) {
                labels.put(randomString(random), randomString(random));
            }
            String text = randomString(random);
            Resource original = codec.decodeSingle(codec.toJson(sample(kind, labels, text)));

            String yamlText = codec.toYaml(original);
            assertThat(codec.decodeSingle(yamlText)).as("YAML round trip of %s", yamlText).isEqualTo(original);
            assertThat(codec.decodeSingle(codec.toJson(original))).as("JSON round trip").isEqualTo(original);

            Map<String, Object> read11 = yaml11.load(yamlText);
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) read11.get("metadata");
            assertThat(meta.get("labels")).as("YAML 1.1 reading of %s", yamlText).isEqualTo(labels);
            assertThat(meta.get("annotations")).as("YAML 1.1 reading of %s", yamlText).isEqualTo(Map.of("note", text));
        }
    }

    @Test
    void everyTrickyStringIsQuotedWhereAReaderWouldTypeIt() {
        for (String s : TRICKY) {
            Map<String, String> labels = Map.of(s, s);
            String yamlText = codec.toYaml(sample(Kind.HOST_ENDPOINT, labels, s));
            Map<String, Object> read11 = yaml11.load(yamlText);
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) read11.get("metadata");
            assertThat(meta.get("labels")).as("YAML 1.1 reading of %s", yamlText).isEqualTo(labels);
            assertThat(codec.decodeSingle(yamlText).metadata().labels()).as(yamlText).isEqualTo(labels);
        }
    }

    @Test
    void theReportedLabelKeepsItsValueOverRepeatedRoundTrips() {
        Resource r = sample(Kind.HOST_ENDPOINT, Map.of("ver", "1.10", "n", "1", "ports", "22:25"), "on");
        String first = codec.toYaml(r);
        assertThat(first).contains("ver: \"1.10\"", "\"n\": \"1\"", "ports: \"22:25\"", "note: \"on\"");
        Resource again = codec.decodeSingle(codec.toYaml(codec.decodeSingle(first)));
        assertThat(again.metadata().labels()).containsEntry("ver", "1.10").containsEntry("n", "1");
    }

    private String randomString(Random random) {
        if (random.nextInt(3) == 0) {
            return TRICKY.get(random.nextInt(TRICKY.size()));
        }
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(9);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** One resource of the kind, built as a tree so every kind gets the random strings where it holds text. */
    private Resource sample(Kind kind, Map<String, String> labels, String text) {
        ObjectNode doc = codec.jsonMapper().createObjectNode();
        doc.put("apiVersion", kind.apiVersion()).put("kind", kind.kindName());
        ObjectNode meta = doc.putObject("metadata").put("name", "x" + Math.abs(text.hashCode()));
        if (kind.namespaced()) {
            meta.put("namespace", "ns");
        }
        meta.putPOJO("labels", labels);
        meta.putObject("annotations").put("note", text);
        ObjectNode spec = doc.putObject("spec");
        BiConsumer<String, String> put = spec::put;
        switch (kind) {
            case HOST_ENDPOINT -> {
                put.accept("node", text);
                put.accept("interfaceName", text);
            }
            case GLOBAL_NETWORK_POLICY, NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY, STAGED_NETWORK_POLICY -> {
                put.accept("selector", text);
                spec.putArray("ingress").addObject().put("action", "Allow").putObject("source").put("selector", text);
            }
            case PROFILE -> spec.putPOJO("labelsToApply", labels);
            case GLOBAL_NETWORK_SET, NETWORK_SET -> spec.putArray("nets").add(text);
            case FELIX_CONFIGURATION -> put.accept("logPrefix", text);
            case NODE -> spec.putArray("interfaces").addObject().put("name", text).putArray("addresses").add(text);
            case KUBE_CONTROLLERS_CONFIGURATION -> doc.putObject("status").putPOJO("environmentVars", labels);
            case LOCKOUT_GUARD -> spec.putArray("protectedFlows").addObject().put("name", text)
                    .putObject("destination").put("selector", text);
            default -> {
                // Tier: only metadata carries text
            }
        }
        List<Decoded> decoded = new ArrayList<>(codec.decodeAll(doc.toString()));
        assertThat(decoded).singleElement().isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok) decoded.getFirst()).resource();
    }
}
