package dev.palisade.driver.nft.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the kernel's copy of the driver's table holds, as far as the driver needs to compare it with its own
 * record: every chain with the comments of its rules in order (a rule without comment lists as {@code ""}),
 * and every set with its type and elements (in {@link SetElements}' canonical spelling); and what each rule's
 * {@code counter} counted, in the same order as its comments (0 for a rule without counter).
 */
public record KernelTable(Map<String, List<String>> chains, Map<String, KernelSet> sets,
                          Map<String, List<Counts>> counters) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public KernelTable {
        chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
        sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    }

    /** A table whose counters are not known (every rule counts 0). */
    public KernelTable(Map<String, List<String>> chains, Map<String, KernelSet> sets) {
        this(chains, sets, Map.of());
    }

    /** A rule's counter. */
    public record Counts(long packets, long bytes) {
        public static final Counts NONE = new Counts(0, 0);
    }

    public record KernelSet(String name, String type, boolean interval, Set<String> elements) {
        public KernelSet {
            elements = Set.copyOf(elements);
        }
    }

    /** Parses {@code nft -j list table inet palisade}. */
    public static KernelTable parseJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("nft -j output is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode items = root == null ? null : root.get("nftables");
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("nft -j output lacks the \"nftables\" array");
        }
        Map<String, List<String>> chains = new LinkedHashMap<>();
        Map<String, KernelSet> sets = new LinkedHashMap<>();
        Map<String, List<Counts>> counters = new LinkedHashMap<>();
        for (JsonNode item : items) {
            if (item.has("chain")) {
                chains.putIfAbsent(item.get("chain").path("name").asText(), new ArrayList<>());
            } else if (item.has("rule")) {
                JsonNode rule = item.get("rule");
                chains.computeIfAbsent(rule.path("chain").asText(), c -> new ArrayList<>())
                        .add(rule.path("comment").asText(""));
                counters.computeIfAbsent(rule.path("chain").asText(), c -> new ArrayList<>()).add(counts(rule));
            } else if (item.has("set")) {
                JsonNode set = item.get("set");
                JsonNode type = set.path("type");
                List<String> parts = new ArrayList<>();
                if (type.isArray()) {
                    type.forEach(t -> parts.add(t.asText()));
                } else {
                    parts.add(type.asText());
                }
                boolean interval = false;
                for (JsonNode flag : set.path("flags")) {
                    interval |= "interval".equals(flag.asText());
                }
                if (set.path("flags").isTextual()) {
                    interval = "interval".equals(set.path("flags").asText());
                }
                String name = set.path("name").asText();
                Set<String> elements = new HashSet<>();
                set.path("elem").forEach(e -> elements.add(SetElements.fromJson(e)));
                sets.put(name, new KernelSet(name, String.join(" . ", parts), interval, elements));
            }
        }
        return new KernelTable(chains, sets, counters);
    }

    private static Counts counts(JsonNode rule) {
        for (JsonNode expr : rule.path("expr")) {
            JsonNode counter = expr.get("counter");
            if (counter != null) {
                return new Counts(counter.path("packets").asLong(), counter.path("bytes").asLong());
            }
        }
        return Counts.NONE;
    }
}
