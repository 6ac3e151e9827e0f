package dev.palisade.calculator.engine;

import dev.palisade.model.resource.Kind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fans each update out to the handlers registered for its kind, in registration order: the order is part of
 * the graph's contract (see {@code docs/calc-graph.md}), because a node must learn of a resource before it
 * hears about a match involving it.
 */
final class Dispatcher implements UpdateHandler {

    private final Map<Kind, List<UpdateHandler>> handlers = new EnumMap<>(Kind.class);

    void register(Kind kind, UpdateHandler handler) {
        handlers.computeIfAbsent(kind, k -> new ArrayList<>()).add(handler);
    }

    @Override
    public void onUpdate(Update update) {
        List<UpdateHandler> list = handlers.get(update.key().kind());
        if (list != null) {
            for (UpdateHandler h : list) {
                h.onUpdate(update);
            }
        }
    }
}
