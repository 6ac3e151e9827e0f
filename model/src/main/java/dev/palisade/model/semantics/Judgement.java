package dev.palisade.model.semantics;

import java.util.ArrayList;
import java.util.List;

/** A stage's outcome before it is placed in the trace: result, reason, and Log rules matched. */
record Judgement(Step.Result result, Decision decision, List<Decision.PolicyRule> logged) {

    Judgement {
        logged = List.copyOf(logged);
    }

    static Judgement of(Step.Result result, Decision decision) {
        return new Judgement(result, decision, List.of());
    }

    Judgement withEarlierLogs(List<Decision.PolicyRule> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<Decision.PolicyRule> all = new ArrayList<>(earlier);
        all.addAll(logged);
        return new Judgement(result, decision, all);
    }
}
