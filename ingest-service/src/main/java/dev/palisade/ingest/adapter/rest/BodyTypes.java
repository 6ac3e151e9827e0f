package dev.palisade.ingest.adapter.rest;

import java.util.List;

/** The body media types the resource API reads, named once for {@code @Consumes} and for the 415 message. */
final class BodyTypes {

    static final String YAML = "application/yaml";
    static final String X_YAML = "application/x-yaml";
    static final String TEXT_YAML = "text/yaml";
    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    static final List<String> RESOURCE = List.of(YAML, X_YAML, TEXT_YAML, JSON);
    static final List<String> PATCH = List.of(MERGE_PATCH, JSON);

    private BodyTypes() {
    }

    static List<String> accepted(String method) {
        return "PATCH".equalsIgnoreCase(method) ? PATCH : RESOURCE;
    }
}
