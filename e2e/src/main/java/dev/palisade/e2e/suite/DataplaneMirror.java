package dev.palisade.e2e.suite;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.BatchedStream;
import dev.palisade.model.dataplane.DataplaneEntry;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EntryType;
import dev.palisade.model.dataplane.SharedReferences;

import java.util.HashMap;
import java.util.Map;

/**
 * The completed batches of {@code palisade.dataplane} as a driver would see them, with the revision at which
 * each key last changed, so the watcher knows which revision a node must enforce: the larger of its own last
 * barrier and the newest change to a shared entry its closure reaches. Fed by one thread; read by others.
 */
final class DataplaneMirror {

    private final Map<String, BatchedStream> nodes = new HashMap<>();
    private final Map<String, Long> nodeBarriers = new HashMap<>();
    private final BatchedStream shared = new BatchedStream();
    private final Map<DataplaneKey, Long> sharedChangedAt = new HashMap<>();

    synchronized void accept(DataplaneMessage m) {
        DataplaneKey key = m.key();
        BatchedStream stream = key.isShared() ? shared : nodes.computeIfAbsent(key.node(), k -> new BatchedStream());
        if (key.type() != EntryType.BARRIER) {
            stream.add(m);
            return;
        }
        if (!(m.entry() instanceof BatchBarrier b)) {
            return;
        }
        if (stream.end(b) instanceof BatchedStream.Ended.Applied applied && key.isShared()) {
            applied.keys().forEach(k -> sharedChangedAt.put(k, b.revision()));
        }
        if (!key.isShared()) {
            nodeBarriers.merge(key.node(), b.revision(), Math::max);
        }
    }

    /** The revision {@code node} must enforce, or null when nothing was ever published for it. */
    synchronized Long wanted(String node) {
        Long own = nodeBarriers.get(node);
        if (own == null) {
            return null;
        }
        long wanted = own;
        for (DataplaneEntry e : SharedReferences.closure(nodes.get(node).entries(), shared::get).entries()) {
            DataplaneKey k = DataplaneKey.of(node, e);
            if (k.isShared()) {
                wanted = Math.max(wanted, sharedChangedAt.getOrDefault(k, 0L));
            }
        }
        return wanted;
    }
}
