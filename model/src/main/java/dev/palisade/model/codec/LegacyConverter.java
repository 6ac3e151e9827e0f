package dev.palisade.model.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.model.resource.Resource;

/** Turns one legacy ({@code apiVersion: v1}) document into its v3 resource, or throws {@link DecodeException}. */
@FunctionalInterface
public interface LegacyConverter {
    Resource convert(JsonNode v1Document);
}
