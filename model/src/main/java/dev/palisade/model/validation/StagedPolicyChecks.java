package dev.palisade.model.validation;

import dev.palisade.model.resource.StagedAction;

/** A staged policy is valid when the policy it stages is, and its {@code stagedAction} is Set or Delete. */
final class StagedPolicyChecks {

    private StagedPolicyChecks() {
    }

    static void stagedAction(String stagedAction, Problems problems) {
        if (StagedAction.lookup(stagedAction).isEmpty()) {
            problems.add("spec.stagedAction", "must be Set or Delete, got \"" + stagedAction + "\"");
        }
    }
}
