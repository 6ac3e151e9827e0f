package dev.palisade.ingest.core.api;

import dev.palisade.model.FieldError;
import dev.palisade.model.resource.Resource;

import java.util.List;

/** Every problem with a resource, each with its field path; empty when it is valid. */
@FunctionalInterface
public interface ResourceValidator {
    List<FieldError> validate(Resource resource);
}
