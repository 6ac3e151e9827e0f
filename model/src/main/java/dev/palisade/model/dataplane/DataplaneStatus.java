package dev.palisade.model.dataplane;

import java.util.List;

/**
 * What a node's dataplane driver reports on {@code palisade.status} (key = node name) after every apply
 * attempt and every drift repair: which desired-state revision is in force in the kernel, what the last
 * attempt cost and how it ended. Read with {@link DataplaneCodec#decodeStatus}; see
 * {@code docs/dataplane-format.md}.
 *
 * @param node               the node name (also the record key)
 * @param enforcedRevision   revision of the last batch whose transaction committed; -1 before the first
 * @param attemptedRevision  revision of the batch the last attempt tried to enforce
 * @param reportedAtMillis   when the driver wrote this record (epoch milliseconds)
 * @param applyMillis        wall time of the last attempt: render, diff and kernel transaction
 * @param rules              rules in the driver's table after the last successful apply
 * @param sets               named sets in the driver's table after the last successful apply
 * @param setElements        set elements in the driver's table after the last successful apply
 * @param transactions       kernel transactions committed since the driver started
 * @param failures           kernel transactions refused since the driver started
 * @param driftRepairs       times the driver found its table changed from outside and restored it
 * @param lastError          the last attempt's error, null when it succeeded
 * @param ruleCounters       what the kernel counted per policy rule at the last table listing (empty before one)
 * @param countersReadAtMillis when that listing was read (epoch milliseconds, 0 before one). A driver sends its
 *                           last report again, {@code reportedAtMillis} unchanged, when only the counters changed
 *                           (at most once per drift interval), so they reach the status read model without
 *                           looking like a new apply
 */
public record DataplaneStatus(
        String node,
        long enforcedRevision,
        long attemptedRevision,
        long reportedAtMillis,
        long applyMillis,
        int rules,
        int sets,
        int setElements,
        long transactions,
        long failures,
        long driftRepairs,
        String lastError,
        List<RuleCounter> ruleCounters,
        long countersReadAtMillis) {

    public DataplaneStatus {
        ruleCounters = ruleCounters == null ? List.of() : List.copyOf(ruleCounters);
    }

    public boolean healthy() {
        return lastError == null && enforcedRevision == attemptedRevision;
    }
}
