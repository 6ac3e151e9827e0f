package dev.palisade.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Bad input from valid input: takes real resources (the seed tutorials' manifests) and mutates them the way
 * users and broken tools do — a field dropped, renamed or given a value of the wrong type or range, an unknown
 * field, a selector or CIDR made of garbage, deep nesting — and, less often, breaks the text itself (truncation,
 * a flipped byte, random bytes). Deterministic for a given {@link Random} seed, so a failure is reproducible.
 */
public final class InputMutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 32;

    /** Values that are wrong somewhere: types, ranges, selector and address syntax, sizes, encodings. */
    private static final List<JsonNode> HOSTILE = List.of(
            NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(-1), NODES.numberNode(0),
            NODES.numberNode(65536), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(1.5e308),
            NODES.textNode(""), NODES.textNode(" "), NODES.textNode("a".repeat(5000)), NODES.textNode("ünïcödé 🚀"),
            NODES.textNode("\u0000\u0001"), NODES.textNode("has(x) &&"), NODES.textNode("role == 'a"),
            NODES.textNode("all() || !"), NODES.textNode("198.18.0.0/33"), NODES.textNode("2001:db8::/129"),
            NODES.textNode("300.1.1.1"), NODES.textNode("80:70"), NODES.textNode("0:65536"), NODES.textNode("TCP2"),
            NODES.textNode("Allow!"), NODES.textNode("${x}"), NODES.textNode("../../etc/passwd"),
            NODES.textNode("-1"), NODES.textNode("1e9"), NODES.arrayNode(), NODES.objectNode(),
            NODES.arrayNode().add(NODES.objectNode()).add(NODES.nullNode()));

    private final List<JsonNode> seeds;

    public InputMutator(List<JsonNode> seeds) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seed resources");
        }
        this.seeds = List.copyOf(seeds);
    }

    /** Every resource in every {@code *.yaml} file of a directory (multi-document files included). */
    public static InputMutator fromDirectory(Path dir) {
        List<JsonNode> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).readAll().stream()
                            .filter(n -> n != null && n.isObject() && n.has("kind")).forEach(seeds::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading seeds from " + dir, e);
        }
        return new InputMutator(seeds);
    }

    public int seedCount() {
        return seeds.size();
    }

    /** One input: mostly structure-aware mutations of a seed, a few broken texts; as YAML or JSON. */
    public String next(Random random) {
        JsonNode tree = seeds.get(random.nextInt(seeds.size())).deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            tree = mutateTree(tree, random);
        }
        String text = write(tree, random.nextBoolean());
        return random.nextInt(10) == 0 ? mutateText(text, random) : text;
    }

    private static JsonNode mutateTree(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return root; // already replaced by a scalar
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        switch (random.nextInt(6)) {
            case 0 -> remove(target, random);
            case 1 -> replace(target, random, hostile(random));
            case 2 -> replace(target, random, NODES.textNode(randomText(random)));
            case 3 -> {
                if (target instanceof ObjectNode o) {
                    o.put("unknownField" + random.nextInt(100), randomText(random));
                } else if (target instanceof ArrayNode a) {
                    a.add(hostile(random));
                }
            }
            case 4 -> replace(target, random, nest(random.nextInt(200)));
            default -> {
                if (target instanceof ArrayNode a && !a.isEmpty()) {
                    a.add(a.get(random.nextInt(a.size())).deepCopy()); // a duplicate rule, port, CIDR ...
                } else {
                    remove(target, random);
                }
            }
        }
        return random.nextInt(50) == 0 ? hostile(random) : root;
    }

    /** A fresh copy: the shared constants must never become part of (and be mutated in) an input. */
    private static JsonNode hostile(Random random) {
        return HOSTILE.get(random.nextInt(HOSTILE.size())).deepCopy();
    }

    /** Containers to mutate, not below {@code MAX_DEPTH}, so repeated nesting cannot grow without bound. */
    private static void collect(JsonNode node, List<JsonNode> out) {
        collect(node, out, 0);
    }

    private static void collect(JsonNode node, List<JsonNode> out, int depth) {
        if (node.isContainerNode() && depth < MAX_DEPTH) {
            out.add(node);
            node.forEach(child -> collect(child, out, depth + 1));
        }
    }

    private static void remove(JsonNode target, Random random) {
        if (target instanceof ObjectNode o && !o.isEmpty()) {
            o.remove(fieldAt(o, random.nextInt(o.size())));
        } else if (target instanceof ArrayNode a && !a.isEmpty()) {
            a.remove(random.nextInt(a.size()));
        }
    }

    private static void replace(JsonNode target, Random random, JsonNode value) {
        if (target instanceof ObjectNode o && !o.isEmpty()) {
            o.set(fieldAt(o, random.nextInt(o.size())), value);
        } else if (target instanceof ArrayNode a && !a.isEmpty()) {
            a.set(random.nextInt(a.size()), value);
        }
    }

    private static String fieldAt(ObjectNode o, int index) {
        Iterator<Map.Entry<String, JsonNode>> fields = o.properties().iterator();
        for (int i = 0; i < index; i++) {
            fields.next();
        }
        return fields.next().getKey();
    }

    private static JsonNode nest(int depth) {
        JsonNode node = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
        }
        return node;
    }

    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            out.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x2FF) : 32 + random.nextInt(95)));
        }
        return out.toString();
    }

    private static String mutateText(String text, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, random.nextInt(text.length() + 1));
            case 1 -> {
                char[] chars = text.toCharArray();
                if (chars.length > 0) {
                    chars[random.nextInt(chars.length)] = "{}[]:-&*!|>'\"%@`#\t\n".charAt(random.nextInt(19));
                }
                yield new String(chars);
            }
            case 2 -> {
                byte[] bytes = new byte[random.nextInt(256)];
                random.nextBytes(bytes);
                yield new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            default -> text + "\n---\n" + text; // two documents where one is expected
        };
    }

    private static String write(JsonNode tree, boolean asJson) {
        try {
            return asJson ? JSON.writeValueAsString(tree) : YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
