package dev.palisade.model.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.palisade.model.FieldError;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code projectcalico.org/v3} manifests as users write them: YAML or JSON, several
 * documents per stream, {@code kind: List} (or {@code <Kind>List}) with {@code items}, or a bare top-level
 * sequence. Decoding is strict: an unknown field is an error naming its path. One bad resource never hides
 * the others: each gets its own {@link Decoded} outcome.
 */
public final class ResourceCodec {

    public static final String LEGACY_API_VERSION = "v1";

    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final LegacyConverter legacy;

    /** A codec for v3 only: legacy documents are refused with a message saying how to convert them. */
    public ResourceCodec() {
        this(doc -> {
            throw new DecodeException("apiVersion", "legacy apiVersion v1 is not accepted here; convert it first "
                    + "with 'palisade convert'");
        });
    }

    public ResourceCodec(LegacyConverter legacy) {
        this.legacy = legacy;
        this.json = configure(JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
        this.yaml = configure(YAMLMapper.builder(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .stringQuotingChecker(new TypedLookingStrings())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                // empty fields are left out, but never empty values inside maps: label "role: ''" is a label
                .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
                        JsonInclude.Include.ALWAYS))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .registerModule(new SimpleModule("palisade-numbers").addSerializer(Double.class, new WholeDoubles()));
    }

    /** Every resource in a YAML or JSON stream, in order, each decoded or failed on its own. */
    public List<Decoded> decodeAll(String text) {
        List<JsonNode> documents;
        try {
            documents = documents(text);
        } catch (IOException e) {
            return List.of(new Decoded.Failed(0, null, null, List.of(new FieldError("", syntaxMessage(e)))));
        }
        List<Decoded> out = new ArrayList<>();
        for (JsonNode doc : documents) {
            out.add(decodeOne(out.size(), doc));
        }
        return out;
    }

    /** Exactly one resource (REST bodies, events). */
    public Resource decodeSingle(String text) {
        List<Decoded> all = decodeAll(text);
        if (all.size() != 1) {
            throw new DecodeException("", "expected exactly one resource, found " + all.size());
        }
        return switch (all.getFirst()) {
            case Decoded.Ok ok -> ok.resource();
            case Decoded.Failed failed -> throw new DecodeException(failed.errors());
        };
    }

    /** One document already parsed into a tree; v1 documents go through the legacy converter. */
    public Resource decode(JsonNode doc) {
        if (!doc.isObject()) {
            throw new DecodeException("", "a resource must be a mapping, found " + nodeType(doc));
        }
        String apiVersion = doc.path("apiVersion").asText("");
        if (LEGACY_API_VERSION.equals(apiVersion)) {
            return legacy.convert(doc);
        }
        List<FieldError> header = new ArrayList<>();
        String kindName = doc.path("kind").asText("");
        Kind kind = Kind.byName(kindName).orElse(null);
        String expected = kind == null ? Resource.API_VERSION : kind.apiVersion();
        if (apiVersion.isEmpty()) {
            header.add(new FieldError("apiVersion", "required (expected " + expected + ")"));
        } else if (!expected.equals(apiVersion)) {
            header.add(new FieldError("apiVersion", "unsupported apiVersion \"" + apiVersion + "\" (expected "
                    + expected + (kind == null || kind.apiVersion().equals(Resource.API_VERSION)
                    ? " or legacy v1)" : " for " + kind.kindName() + ")")));
        }
        if (kind == null) {
            header.add(new FieldError("kind", kindName.isEmpty() ? "required"
                    : "unknown kind \"" + kindName + "\" (expected one of " + kindNames() + ")"));
        }
        if (!header.isEmpty()) {
            throw new DecodeException(header);
        }
        ObjectNode body = ((ObjectNode) doc).deepCopy();
        body.remove("apiVersion");
        body.remove("kind");
        try {
            return json.treeToValue(body, kind.type());
        } catch (JsonProcessingException e) {
            throw new DecodeException(List.of(mappingError(e)));
        }
    }

    public String toYaml(Resource resource) {
        return write(yaml, tree(resource));
    }

    /** Several resources as one YAML stream, documents separated by {@code ---}. */
    public String toYaml(List<? extends Resource> resources) {
        StringBuilder out = new StringBuilder();
        for (Resource r : resources) {
            if (!out.isEmpty()) {
                out.append("---\n");
            }
            out.append(toYaml(r));
        }
        return out.toString();
    }

    public String toJson(Resource resource) {
        return write(json, tree(resource));
    }

    /** The resource as written on the wire: apiVersion, kind, then its fields, empty values left out. */
    public ObjectNode tree(Resource resource) {
        ObjectNode out = json.createObjectNode();
        out.put("apiVersion", resource.kind().apiVersion());
        out.put("kind", resource.kind().kindName());
        ObjectNode fields = json.valueToTree(resource);
        pruneEmptyObjects(fields);
        out.setAll(fields);
        return out;
    }

    /**
     * Any tree (a list, a report) as YAML, quoted the way resources are, so no string turns into a number, a
     * boolean or a date for the reader: adapters write YAML only through here.
     */
    public String toYaml(JsonNode tree) {
        return write(yaml, tree);
    }

    /** A JSON mapper configured like this codec, for adapters that embed resources in other JSON. */
    public ObjectMapper jsonMapper() {
        return json;
    }

    private List<JsonNode> documents(String text) throws IOException {
        if (!looksLikeJson(text)) {
            return documents(text, yaml);
        }
        try {
            return documents(text, json);
        } catch (IOException notJson) {
            // A YAML flow mapping such as {apiVersion: v1, kind: policy} also starts with a brace
            try {
                return documents(text, yaml);
            } catch (IOException notYaml) {
                throw notJson;
            }
        }
    }

    private List<JsonNode> documents(String text, ObjectMapper mapper) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        // Documents are read one by one from the stream, so what follows one is the next, not trailing garbage
        ObjectReader reader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = mapper.createParser(text)) {
            while (nextDocument(parser) != null) {
                if (parser.currentToken() != JsonToken.VALUE_NULL) {
                    flatten(reader.readValue(parser), out);
                }
            }
        }
        return out;
    }

    /**
     * Moves to the first token of the next document. An empty YAML document (a lone {@code ---}, or one holding
     * only comments) is an empty plain scalar: read as null here, so it is skipped, but only at the top level,
     * because inside a document {@code role:} is the empty string, as it is for Calico.
     */
    private static JsonToken nextDocument(JsonParser parser) throws IOException {
        if (!(parser instanceof YAMLParser yaml)) {
            return parser.nextToken();
        }
        yaml.enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL);
        try {
            return yaml.nextToken();
        } finally {
            yaml.disable(YAMLParser.Feature.EMPTY_STRING_AS_NULL);
        }
    }

    private static void flatten(JsonNode node, List<JsonNode> out) {
        if (node.isArray()) {
            node.forEach(item -> flatten(item, out));
        } else if (node.isObject() && node.path("kind").asText("").endsWith("List") && node.has("items")) {
            node.get("items").forEach(item -> flatten(item, out));
        } else {
            out.add(node);
        }
    }

    private Decoded decodeOne(int index, JsonNode doc) {
        try {
            String from = doc.path("apiVersion").asText("");
            Resource r = decode(doc);
            return new Decoded.Ok(index, r, LEGACY_API_VERSION.equals(from) ? from : null);
        } catch (DecodeException e) {
            return new Decoded.Failed(index, textOrNull(doc.path("kind")), textOrNull(doc.path("metadata").path("name")),
                    e.errors());
        }
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    private static void pruneEmptyObjects(JsonNode node) {
        if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                pruneEmptyObjects(it.next());
            }
        }
        if (node instanceof ObjectNode obj) {
            obj.properties().removeIf(e -> e.getValue().isObject() && e.getValue().isEmpty());
        }
    }

    private static FieldError mappingError(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            path = path.isEmpty() ? u.getPropertyName() : path;
            message = "unknown field \"" + u.getPropertyName() + "\"";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            message = "invalid value \"" + f.getValue() + "\" (expected one of "
                    + Arrays.toString(f.getTargetType().getEnumConstants()).replaceAll("[\\[\\]]", "") + ")";
        } else if (e instanceof ValueInstantiationException v) {
            message = v.getCause() instanceof NullPointerException ? "null is not allowed here" : v.getOriginalMessage();
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "expected " + describe(m.getTargetType());
        } else {
            message = e.getOriginalMessage();
        }
        return new FieldError(path, message);
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        return type.getSimpleName();
    }

    /** Jackson's reference chain as {@code spec.ingress[1].destination.ports[0]}. */
    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String syntaxMessage(IOException e) {
        String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            msg += " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
        }
        return "not valid YAML or JSON: " + msg;
    }

    private String write(ObjectMapper mapper, JsonNode tree) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree)
                    + (mapper == json ? "\n" : "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a resource tree", e);
        }
    }

    private static String nodeType(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String kindNames() {
        return String.join(", ", Arrays.stream(Kind.values()).map(Kind::kindName).toList());
    }
}
