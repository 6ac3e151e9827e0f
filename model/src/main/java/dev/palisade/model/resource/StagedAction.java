package dev.palisade.model.resource;

import java.util.Optional;

/** What promoting a staged policy does to the policy of the same name: store it, or delete it. */
public enum StagedAction {
    SET("Set"), DELETE("Delete");

    private final String text;

    StagedAction(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Unset means Set; anything unknown is reported by validation, and reads as Set until then. */
    static StagedAction parse(String text) {
        return lookup(text).orElse(SET);
    }

    public static Optional<StagedAction> lookup(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of(SET);
        }
        for (StagedAction a : values()) {
            if (a.text.equals(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
