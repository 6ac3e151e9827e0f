package dev.palisade.model.resource;

import java.util.List;
import java.util.Map;

/** One policy or profile rule. {@code http} is application-layer only and ignored by the dataplane. */
public record Rule(
        Action action,
        Integer ipVersion,
        Protocol protocol,
        Protocol notProtocol,
        IcmpFields icmp,
        IcmpFields notICMP,
        EntityRule source,
        EntityRule destination,
        HttpMatch http,
        RuleMetadata metadata) {

    public Rule {
        source = source == null ? EntityRule.ANY : source;
        destination = destination == null ? EntityRule.ANY : destination;
    }

    public static Rule of(Action action) {
        return new Rule(action, null, null, null, null, null, null, null, null, null);
    }

    public record HttpMatch(List<String> methods, List<HttpPath> paths) {
        public HttpMatch {
            methods = Lists.copy(methods);
            paths = Lists.copy(paths);
        }
    }

    public record HttpPath(String exact, String prefix) {
    }

    public record RuleMetadata(Map<String, String> annotations) {
        public RuleMetadata {
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        }
    }
}
