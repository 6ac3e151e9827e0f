package dev.palisade.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.SelectorParseException;
import dev.palisade.model.selector.Selectors;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code palisade eval-selector}: evaluates selectors against label sets, one JSON line in, one JSON line out. */
@Command(name = "eval-selector", mixinStandardHelpOptions = true,
        description = {
            "Evaluates Calico selectors against labels.",
            "Reads JSON lines {\"selector\": \"...\", \"labels\": {...}} on standard input and writes one JSON line"
                    + " per input line, in order: {\"match\": true|false}, or {\"error\": \"...\"} for a selector"
                    + " that does not parse or a line that is not such an object (then prefixed \"line N: \")."})
public final class EvalSelectorCommand implements Callable<Integer> {

    private static final int BUFFER_SIZE = 1 << 16;
    /** Inputs usually repeat a few selectors over many label sets; this bounds memory for the rest. */
    private static final int CACHED_SELECTORS = 4096;

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final LruCache<String, Parsed> parsed = new LruCache<>(CACHED_SELECTORS);
    private final InputStream in;
    private final OutputStream out;

    @Option(names = "--canonical", description = "Also print each selector's \"canonical\" form and unique \"id\".")
    boolean canonical;

    public EvalSelectorCommand() {
        this(System.in, System.out);
    }

    EvalSelectorCommand(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** The outcome of parsing one selector text: exactly one of the two is set. */
    private record Parsed(Selector selector, String error) {
        static Parsed of(String text) {
            try {
                return new Parsed(Selectors.parse(text), null);
            } catch (SelectorParseException e) {
                return new Parsed(null, e.getMessage());
            }
        }
    }

    /** A line that is not a request object; its message already names the line. */
    private static final class BadLine extends Exception {
        BadLine(long lineNumber, String message) {
            super("line " + lineNumber + ": " + message, null, false, false);
        }
    }

    @Override
    public Integer call() throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER_SIZE);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_SIZE);
        try (JsonGenerator json = mapper.createGenerator(writer)) {
            json.setRootValueSeparator(null);
            long lineNumber = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                answer(json, lineNumber, line);
                json.writeRaw('\n');
                // Flush only when the next read would block: a pipe gets full buffers, an interactive user or a
                // co-process waiting for each answer still gets it at once.
                if (!reader.ready()) {
                    json.flush();
                }
            }
            json.flush();
        }
        return 0;
    }

    private void answer(JsonGenerator json, long lineNumber, String line) throws IOException {
        json.writeStartObject();
        try {
            JsonNode request = readRequest(lineNumber, line);
            Parsed outcome = parsed.computeIfAbsent(selectorText(lineNumber, request), Parsed::of);
            if (outcome.error() != null) {
                json.writeStringField("error", outcome.error());
            } else {
                json.writeBooleanField("match", outcome.selector().matches(labels(lineNumber, request)));
                if (canonical) {
                    json.writeStringField("canonical", outcome.selector().canonical());
                    json.writeStringField("id", outcome.selector().uniqueId());
                }
            }
        } catch (BadLine e) {
            json.writeStringField("error", e.getMessage());
        }
        json.writeEndObject();
    }

    private JsonNode readRequest(long lineNumber, String line) throws BadLine {
        JsonNode request;
        try {
            request = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadLine(lineNumber, "invalid JSON at column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw new BadLine(lineNumber, "expected a JSON object {\"selector\": \"...\", \"labels\": {...}}");
        }
        return request;
    }

    private static String selectorText(long lineNumber, JsonNode request) throws BadLine {
        JsonNode selector = request.get("selector");
        if (selector == null || !selector.isTextual()) {
            throw new BadLine(lineNumber, "\"selector\" must be a string");
        }
        return selector.textValue();
    }

    /** Absent or null "labels" means no labels; anything else must map names to strings. */
    private static Map<String, String> labels(long lineNumber, JsonNode request) throws BadLine {
        JsonNode labels = request.get("labels");
        if (labels == null || labels.isNull()) {
            return Map.of();
        }
        if (!labels.isObject()) {
            throw new BadLine(lineNumber, "\"labels\" must be an object of strings");
        }
        Map<String, String> values = HashMap.newHashMap(labels.size());
        for (Map.Entry<String, JsonNode> label : labels.properties()) {
            if (!label.getValue().isTextual()) {
                throw new BadLine(lineNumber, "labels." + label.getKey() + " must be a string");
            }
            values.put(label.getKey(), label.getValue().textValue());
        }
        return values;
    }
}
