package dev.palisade.driver.nft.diff;

import dev.palisade.driver.nft.render.NftNames;
import dev.palisade.driver.nft.render.Ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The smallest transaction that turns the applied table into the desired one: chains whose rule hashes are
 * unchanged are not touched (their counters survive), a changed chain is flushed and re-added, set elements
 * change by difference, and owned objects no longer desired are flushed, then deleted. Objects the driver
 * does not own ({@link NftNames#isPalisadeOwned}) are left alone.
 */
public final class NftDiffer {

    private NftDiffer() {
    }

    public static NftTransaction diff(Ruleset desired, AppliedState applied) {
        NftTransaction tx = new NftTransaction();
        if (!applied.tableExists()) {
            tx.add(new NftObject.Table());
        }
        List<Runnable> elementDeltas = new ArrayList<>();
        for (Ruleset.SetDef set : desired.sets().values()) {
            AppliedState.AppliedSet old = applied.sets().get(set.name());
            if (old == null) {
                tx.add(set.object());
                addElements(tx, set.name(), set.elements());
            } else if (old.elements() == null) {
                tx.flush(set.object());
                addElements(tx, set.name(), set.elements());
            } else {
                Set<String> removed = new TreeSet<>(old.elements());
                removed.removeAll(set.elements());
                Set<String> added = new TreeSet<>(set.elements());
                added.removeAll(old.elements());
                elementDeltas.add(() -> {
                    if (!removed.isEmpty()) {
                        tx.delete(new NftObject.Elements(set.name(), List.copyOf(removed)));
                    }
                    addElements(tx, set.name(), added);
                });
            }
        }
        for (Ruleset.ChainDef chain : desired.chains().values()) {
            if (!applied.chains().containsKey(chain.name())) {
                tx.add(chain.object());
            }
        }
        for (Ruleset.ChainDef chain : desired.chains().values()) {
            AppliedState.AppliedChain old = applied.chains().get(chain.name());
            if (old != null && old.hashes().equals(chain.hashes())) {
                continue;
            }
            if (old != null && !old.hashes().isEmpty()) {
                tx.flush(chain.object());
            }
            for (Ruleset.RuleDef rule : chain.rules()) {
                tx.add(new NftObject.Rule(chain.name(), rule.body(), rule.hash()));
            }
        }
        List<String> stale = applied.chains().keySet().stream()
                .filter(name -> !desired.chains().containsKey(name) && NftNames.isPalisadeOwned(name)).toList();
        stale.forEach(name -> tx.flush(NftObject.Chain.regular(name)));
        stale.forEach(name -> tx.delete(NftObject.Chain.regular(name)));
        applied.sets().keySet().stream()
                .filter(name -> !desired.sets().containsKey(name) && NftNames.isPalisadeOwned(name))
                .forEach(name -> tx.delete(new NftObject.NftSet(name, null, false)));
        elementDeltas.forEach(Runnable::run);
        return tx;
    }

    private static void addElements(NftTransaction tx, String set, Set<String> elements) {
        if (!elements.isEmpty()) {
            tx.add(new NftObject.Elements(set, List.copyOf(elements)));
        }
    }
}
