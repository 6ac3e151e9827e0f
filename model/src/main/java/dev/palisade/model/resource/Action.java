package dev.palisade.model.resource;

/** What a rule does when it matches. Log never ends evaluation; Pass leaves the current tier. */
public enum Action {
    Allow, Deny, Log, Pass
}
