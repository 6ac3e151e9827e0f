package dev.palisade.calculator.engine;

/** The single entry point every node of the graph exposes to the dispatcher. */
@FunctionalInterface
public interface UpdateHandler {
    void onUpdate(Update update);
}
