package dev.palisade.ingest.adapter.rest;

import dev.palisade.ingest.core.api.InvalidResourceException;
import dev.palisade.model.selector.Selector;
import dev.palisade.model.selector.SelectorParseException;
import dev.palisade.model.selector.Selectors;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.function.Predicate;

/** {@code labelSelector} query parameters, written in Calico's selector language. */
@ApplicationScoped
public class LabelSelectors {

    public Predicate<Map<String, String>> parse(String text) {
        if (text == null || text.isBlank()) {
            return labels -> true;
        }
        try {
            Selector selector = Selectors.parse(text);
            return selector::matches;
        } catch (SelectorParseException e) {
            throw new InvalidResourceException("labelSelector", e.getMessage());
        }
    }
}
