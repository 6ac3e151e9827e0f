package dev.palisade.calculator.engine;

/**
 * The graph broke one of its own invariants (a bug, not bad input). Tests let it fail them; the adapter
 * answers it with a full rebuild from the resource log rather than by publishing a guess.
 */
public final class EngineInvariantException extends RuntimeException {
    public EngineInvariantException(String message) {
        super(message);
    }
}
