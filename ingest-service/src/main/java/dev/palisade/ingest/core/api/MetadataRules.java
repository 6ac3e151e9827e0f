package dev.palisade.ingest.core.api;

import dev.palisade.model.FieldError;
import dev.palisade.model.resource.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The metadata every stored resource needs: a DNS-subdomain name, and a namespace exactly when namespaced. */
public final class MetadataRules implements ResourceValidator {

    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Override
    public List<FieldError> validate(Resource resource) {
        List<FieldError> errors = new ArrayList<>();
        String name = resource.metadata().name();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("metadata.name", "required"));
        } else if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            errors.add(new FieldError("metadata.name", "\"" + name + "\" is not a valid name: lower-case letters, "
                    + "digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters"));
        }
        String namespace = resource.metadata().namespace();
        if (resource.kind().namespaced()) {
            if (namespace == null || namespace.isEmpty()) {
                errors.add(new FieldError("metadata.namespace", "required for " + resource.kind().kindName()));
            } else if (namespace.length() > 63 || !LABEL.matcher(namespace).matches()) {
                errors.add(new FieldError("metadata.namespace", "\"" + namespace + "\" is not a valid namespace"));
            }
        } else if (namespace != null && !namespace.isEmpty()) {
            errors.add(new FieldError("metadata.namespace", resource.kind().kindName()
                    + " is cluster-scoped and takes no namespace"));
        }
        return errors;
    }

    /** Metadata rules first, then {@code more}; all errors are reported together. */
    public static ResourceValidator with(ResourceValidator more) {
        MetadataRules rules = new MetadataRules();
        return resource -> {
            List<FieldError> errors = new ArrayList<>(rules.validate(resource));
            errors.addAll(more.validate(resource));
            return errors;
        };
    }
}
