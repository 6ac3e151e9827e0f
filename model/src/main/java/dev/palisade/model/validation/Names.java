package dev.palisade.model.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The name grammars Calico and Kubernetes apply. Each check returns the reason a value is refused, or null
 * when it is valid, so callers decide the field path.
 */
final class Names {

    static final int MAX_SUBDOMAIN = 253;
    static final int MAX_LABEL = 63;

    private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL_FMT);
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
    private static final Pattern GLOBAL_POLICY_NAME = Pattern.compile("(" + LABEL_FMT + "\\.)?" + LABEL_FMT);
    private static final Pattern NETWORK_POLICY_NAME = Pattern.compile(
            "(" + LABEL_FMT + "\\.)?" + LABEL_FMT + "|(knp|ossg)\\.default\\." + SUBDOMAIN_FMT);
    private static final Pattern INTERFACE = Pattern.compile("[a-zA-Z0-9_.-]{1,15}");
    private static final Pattern PORT_NAME_CHARS = Pattern.compile("[a-z0-9-]+");
    private static final Pattern RULE_PORT_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    static final String SUBDOMAIN_REASON =
            "name must consist of lower case alphanumeric characters, '-' or '.' (regex: " + SUBDOMAIN_FMT + ")";
    static final String DNS_LABEL_REASON =
            "name must consist of lower case alphanumeric characters or '-' (regex: " + LABEL_FMT + ")";
    private static final String NETWORK_POLICY_REASON = "name must be one DNS label, two DNS labels joined by '.',"
            + " or knp.default.<subdomain> / ossg.default.<subdomain> (regex: " + NETWORK_POLICY_NAME + ")";
    private static final String QUALIFIED_NAME_REASON = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character (regex used for validation is '"
            + QUALIFIED_NAME_PART + "')";

    private Names() {
    }

    static String required(String value, String what) {
        return value == null || value.isEmpty() ? what + " must be specified" : null;
    }

    static String tooLong(String value, int max) {
        return value.length() > max ? "name is too long by " + (value.length() - max) + " bytes" : null;
    }

    /** Most resource names: a DNS-1123 subdomain. */
    static String subdomain(String name) {
        if (name.length() > MAX_SUBDOMAIN) {
            return tooLong(name, MAX_SUBDOMAIN);
        }
        return SUBDOMAIN.matcher(name).matches() ? null : SUBDOMAIN_REASON;
    }

    /** Tiers and namespaces: one DNS label, no dots. */
    static String dnsLabel(String name) {
        if (name.length() > MAX_LABEL) {
            return tooLong(name, MAX_LABEL);
        }
        return DNS_LABEL.matcher(name).matches() ? null : DNS_LABEL_REASON;
    }

    static String globalPolicyName(String name) {
        if (name.length() > MAX_SUBDOMAIN) {
            return tooLong(name, MAX_SUBDOMAIN);
        }
        if (name.startsWith("knp.default.")) {
            return "names starting with 'knp.default.' are reserved for Kubernetes network policies";
        }
        return GLOBAL_POLICY_NAME.matcher(name).matches() ? null : DNS_LABEL_REASON;
    }

    static String networkPolicyName(String name) {
        if (name.length() > MAX_SUBDOMAIN) {
            return tooLong(name, MAX_SUBDOMAIN);
        }
        return NETWORK_POLICY_NAME.matcher(name).matches() ? null : NETWORK_POLICY_REASON;
    }

    static String interfaceName(String name) {
        return INTERFACE.matcher(name).matches() ? null
                : "invalid interface name (must match ^[a-zA-Z0-9_.-]{1,15}$)";
    }

    /** Kubernetes' IANA_SVC_NAME, used for endpoint port names and named ports in rules. */
    static String portName(String name) {
        List<String> wrong = new ArrayList<>();
        if (name.length() > 15) {
            wrong.add("must be no more than 15 characters");
        }
        if (!PORT_NAME_CHARS.matcher(name).matches()) {
            wrong.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (name.contains("--")) {
            wrong.add("must not contain consecutive hyphens");
        }
        if (name.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            wrong.add("must contain at least one letter (a-z)");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            wrong.add("must not begin or end with a hyphen");
        }
        return wrong.isEmpty() ? null : "invalid port name \"" + name + "\": " + String.join(", ", wrong);
    }

    /** A named port in a rule: first the parse-time pattern, then Kubernetes' port-name rules. */
    static String rulePortName(String name) {
        if (!RULE_PORT_NAME.matcher(name).matches()) {
            return "invalid named port \"" + name + "\" (must match ^[a-zA-Z0-9_.-]{1,128}$)";
        }
        return portName(name);
    }

    /** A label or annotation key: {@code [prefix/]name}, prefix a DNS subdomain. */
    static String qualifiedName(String key) {
        String[] parts = key.split("/", -1);
        if (parts.length > 2) {
            return "a qualified name must consist of a name part with an optional DNS subdomain prefix and '/'"
                    + " (e.g. 'example.com/MyName')";
        }
        String name = parts[parts.length - 1];
        if (parts.length == 2) {
            String prefix = parts[0];
            if (prefix.isEmpty()) {
                return "prefix part must be non-empty";
            }
            if (prefix.length() > MAX_SUBDOMAIN) {
                return "prefix part must be no more than " + MAX_SUBDOMAIN + " characters";
            }
            if (!SUBDOMAIN.matcher(prefix).matches()) {
                return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                        + "characters, '-' or '.', and must start and end with an alphanumeric character";
            }
        }
        if (name.isEmpty()) {
            return "name part must be non-empty";
        }
        if (name.length() > MAX_LABEL) {
            return "name part must be no more than " + MAX_LABEL + " characters";
        }
        return QUALIFIED_NAME_PART.matcher(name).matches() ? null : "name part " + QUALIFIED_NAME_REASON;
    }

    static String labelValue(String value) {
        if (value == null) {
            return "a label value must be a string";
        }
        if (value.length() > MAX_LABEL) {
            return "must be no more than " + MAX_LABEL + " characters";
        }
        return value.isEmpty() || QUALIFIED_NAME_PART.matcher(value).matches() ? null
                : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.',"
                + " and must start and end with an alphanumeric character (regex used for validation is '(("
                + "[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    }
}
