package dev.palisade.model;

/**
 * One thing wrong with a resource, at a field path written the way users read YAML:
 * {@code spec.ingress[1].destination.ports[0]}. An empty path means the resource as a whole.
 */
public record FieldError(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
