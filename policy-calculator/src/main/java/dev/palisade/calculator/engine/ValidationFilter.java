package dev.palisade.calculator.engine;

import dev.palisade.model.resource.EntityRule;
import dev.palisade.model.resource.GlobalNetworkPolicy;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Profile;
import dev.palisade.model.resource.Protocol;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.resource.Rule;
import dev.palisade.model.selector.SelectorParseException;
import dev.palisade.model.selector.Selectors;

import java.util.List;

/**
 * Sits in front of the graph and turns a resource the graph cannot interpret into "absent" (spec: Felix's
 * validation filter). It never patches a value, and nodes never keep a last good one: an invalid update
 * withdraws the resource until a valid one arrives.
 */
public final class ValidationFilter implements UpdateHandler {

    /** Told about each resource withdrawn as invalid, with the reason naming the field. */
    public interface InvalidListener {
        void onInvalid(ResourceKey key, String reason);
    }

    private final UpdateHandler next;
    private final InvalidListener invalid;

    ValidationFilter(UpdateHandler next, InvalidListener invalid) {
        this.next = next;
        this.invalid = invalid;
    }

    @Override
    public void onUpdate(Update update) {
        String problem = update.value() == null ? null : problem(update);
        if (problem != null) {
            invalid.onInvalid(update.key(), problem);
            next.onUpdate(Update.deleted(update.key()));
        } else {
            next.onUpdate(update);
        }
    }

    private static String problem(Update update) {
        try {
            return switch (update.value()) {
                case HostEndpoint h -> h.spec().node() == null || h.spec().node().isBlank()
                        ? "spec.node: required" : null;
                case GlobalNetworkPolicy p -> {
                    selector("spec.selector", p.spec().selector());
                    selector("spec.namespaceSelector", p.spec().namespaceSelector());
                    selector("spec.serviceAccountSelector", p.spec().serviceAccountSelector());
                    String r = rules("spec.ingress", p.spec().ingress());
                    yield r != null ? r : rules("spec.egress", p.spec().egress());
                }
                case Profile p -> {
                    String r = rules("spec.ingress", p.spec().ingress());
                    yield r != null ? r : rules("spec.egress", p.spec().egress());
                }
                default -> null;
            };
        } catch (InvalidField e) {
            return e.getMessage();
        }
    }

    private static String rules(String path, List<Rule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = path + "[" + i + "]";
            if (r == null || r.action() == null) {
                return at + ".action: required";
            }
            protocol(at + ".protocol", r.protocol());
            protocol(at + ".notProtocol", r.notProtocol());
            entity(at + ".source", r.source());
            entity(at + ".destination", r.destination());
        }
        return null;
    }

    private static void entity(String path, EntityRule e) {
        selector(path + ".selector", e.selector());
        selector(path + ".notSelector", e.notSelector());
        selector(path + ".namespaceSelector", e.namespaceSelector());
        if (e.serviceAccounts() != null) {
            selector(path + ".serviceAccounts.selector", e.serviceAccounts().selector());
        }
    }

    private static void protocol(String path, Protocol p) {
        if (p != null && p.number().isEmpty()) {
            throw new InvalidField(path + ": unknown protocol \"" + p + "\"");
        }
    }

    private static void selector(String path, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            Selectors.parse(text);
        } catch (SelectorParseException e) {
            throw new InvalidField(path + ": " + e.getMessage());
        }
    }

    private static final class InvalidField extends RuntimeException {
        InvalidField(String message) {
            super(message, null, false, false);
        }
    }
}
