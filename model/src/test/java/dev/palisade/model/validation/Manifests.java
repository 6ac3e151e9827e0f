package dev.palisade.model.validation;

import dev.palisade.model.FieldError;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;

import java.util.List;

/** Test helper: YAML through the strict codec, then defaulting and validation, as the ingest path does. */
final class Manifests {
    private static final ResourceCodec CODEC = new ResourceCodec();
    private static final Defaulter DEFAULTER = new Defaulter();
    private static final Validator VALIDATOR = new Validator();

    private Manifests() {
    }

    static Resource decode(String yaml) {
        return CODEC.decodeSingle(yaml);
    }

    static List<FieldError> errors(String yaml) {
        return VALIDATOR.validate(DEFAULTER.applyDefaults(decode(yaml)));
    }

    /** A v3 envelope around a kind, name and flow-style spec, so cases stay one line each. */
    static String manifest(String kind, String name, String spec) {
        return "apiVersion: projectcalico.org/v3\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec: "
                + spec + "\n";
    }

    static String hep(String spec) {
        return manifest("HostEndpoint", "h1", spec);
    }

    static String gnp(String spec) {
        return manifest("GlobalNetworkPolicy", "p1", spec);
    }

    /** A GNP with one ingress rule. */
    static String ingressRule(String rule) {
        return gnp("{ingress: [" + rule + "]}");
    }

    static String egressRule(String rule) {
        return gnp("{egress: [" + rule + "]}");
    }
}
