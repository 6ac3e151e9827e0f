package dev.palisade.model.resource;

/** {@code order} null sorts last; {@code defaultAction} null means Deny. */
public record TierSpec(Double order, TierAction defaultAction) {

    public TierAction defaultActionOrDeny() {
        return defaultAction == null ? TierAction.Deny : defaultAction;
    }

    public enum TierAction {
        Deny, Pass
    }
}
