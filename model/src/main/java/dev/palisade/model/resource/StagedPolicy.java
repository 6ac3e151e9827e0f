package dev.palisade.model.resource;

/** What both staged kinds share: the policy they stand for, and whether promoting sets or deletes it. */
public sealed interface StagedPolicy extends Resource permits StagedGlobalNetworkPolicy, StagedNetworkPolicy {

    /** The policy of the same name as promotion would store it (for {@code Delete}: the key to delete). */
    Resource enforced();

    StagedAction stagedAction();
}
