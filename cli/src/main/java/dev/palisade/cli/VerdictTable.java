package dev.palisade.cli;

import dev.palisade.model.semantics.Step;
import dev.palisade.model.semantics.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A verdict for a person: the outcome and what decided it, then one row per stage passed. */
final class VerdictTable {

    private static final String[] HEADER = {"STAGE", "INTERFACE", "HOST ENDPOINT", "RESULT", "WHY"};

    private VerdictTable() {
    }

    static String render(Verdict v) {
        StringBuilder out = new StringBuilder();
        Step d = v.decidedBy();
        out.append(v.verdict().id().toUpperCase(Locale.ROOT)).append(" at ").append(d.stage().id())
                .append(where(d)).append(": ").append(d.decision().describe()).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Step s : v.trace()) {
            rows.add(new String[] {s.stage().id(), dash(s.interfaceName()), dash(s.hostEndpoint()), s.result().id(),
                    s.decision().describe()});
            s.logged().forEach(l -> rows.add(new String[] {"", "", "", "log", l.describe()}));
        }
        int[] widths = new int[HEADER.length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line).append(row[HEADER.length - 1]).append('\n');
        }
        return out.toString();
    }

    private static String where(Step s) {
        if (s.interfaceName() == null) {
            return "";
        }
        return " (" + s.interfaceName() + (s.hostEndpoint() == null ? "" : ", " + s.hostEndpoint()) + ")";
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
