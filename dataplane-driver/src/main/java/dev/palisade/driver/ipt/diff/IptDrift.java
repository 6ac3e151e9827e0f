package dev.palisade.driver.ipt.diff;

import dev.palisade.driver.ipt.render.IptRuleset.TableKey;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a kernel listing lacks or has beyond the record of the last commit, one line per difference. */
public final class IptDrift {

    private IptDrift() {
    }

    public static List<String> differences(IptState applied, IptState kernel) {
        List<String> out = new ArrayList<>();
        Set<TableKey> keys = new LinkedHashSet<>(applied.tables().keySet());
        keys.addAll(kernel.tables().keySet());
        for (TableKey key : keys) {
            IptState.Table want = applied.table(key);
            IptState.Table have = kernel.table(key);
            String where = "ip" + (key.family() == 6 ? "6" : "") + "tables " + key.table() + ": ";
            want.chains().forEach((name, hashes) -> {
                List<String> there = have.chains().get(name);
                if (there == null) {
                    out.add(where + "chain " + name + " missing");
                } else if (!there.equals(hashes)) {
                    out.add(where + "chain " + name + " has other rules");
                }
            });
            have.chains().keySet().stream().filter(n -> !want.chains().containsKey(n))
                    .forEach(n -> out.add(where + "unexpected chain " + n));
            if (!want.jumps().equals(have.jumps())) {
                out.add(where + "jumps from built-in chains " + have.jumps() + ", expected " + want.jumps());
            }
        }
        applied.sets().forEach((name, elements) -> {
            Set<String> there = kernel.sets().get(name);
            if (there == null) {
                out.add("ipset " + name + " missing");
            } else if (!there.equals(elements)) {
                out.add("ipset " + name + " has other members");
            }
        });
        kernel.sets().keySet().stream().filter(n -> !applied.sets().containsKey(n))
                .forEach(n -> out.add("unexpected ipset " + n));
        return out;
    }
}
