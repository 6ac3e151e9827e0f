package dev.palisade.calculator.adapter;

import dev.palisade.model.dataplane.BatchBarrier;
import dev.palisade.model.dataplane.DataplaneCodec;
import dev.palisade.model.dataplane.DataplaneKey;
import dev.palisade.model.dataplane.DataplaneMessage;
import dev.palisade.model.dataplane.EntryType;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.palisade.kafka.EndOffsetReplay;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * What is already on {@code palisade.dataplane}, read back at start so that a restarted calculator publishes
 * only differences: the latest value of every key (barriers included: the shared one carries the shared
 * revision node barriers refer to), and the barrier keys of the streams whose last records are not closed by
 * a barrier (the previous run died mid-batch; those records count as published, but a driver will not apply
 * them until a barrier follows).
 */
record PublishedState(Collection<DataplaneMessage> latest, Set<DataplaneKey> unfinishedStreams, long records) {

    private static final Logger LOG = Logger.getLogger(PublishedState.class);

    static PublishedState read(Consumer<String, byte[]> consumer, List<TopicPartition> partitions,
                               DataplaneCodec codec, Duration pollTimeout) {
        EndOffsetReplay replay = EndOffsetReplay.fromBeginning(consumer, partitions);
        Map<DataplaneKey, DataplaneMessage> latest = new LinkedHashMap<>();
        Set<DataplaneKey> unfinished = new HashSet<>();
        long records = 0;
        while (!replay.reached()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout)) {
                records++;
                DataplaneMessage message;
                try {
                    message = codec.decode(record.key(), record.value());
                } catch (RuntimeException e) {
                    LOG.warnf("ignoring unreadable record %s at %s-%d@%d: %s", record.key(), record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                    continue;
                }
                DataplaneKey barrier = new DataplaneKey(message.key().node(), EntryType.BARRIER, BatchBarrier.ID);
                if (message.key().equals(barrier)) {
                    unfinished.remove(barrier);
                } else {
                    unfinished.add(barrier);
                }
                latest.put(message.key(), message);
            }
        }
        latest.values().removeIf(DataplaneMessage::isTombstone);
        unfinished.addAll(namedButNotClosed(latest));
        return new PublishedState(List.copyOf(latest.values()), Set.copyOf(unfinished), records);
    }

    /**
     * Nodes the last shared barrier named whose own barrier is older: the predecessor died between the
     * shared batch and theirs, and their drivers wait for a barrier at least that new.
     */
    private static Set<DataplaneKey> namedButNotClosed(Map<DataplaneKey, DataplaneMessage> latest) {
        Set<DataplaneKey> out = new HashSet<>();
        DataplaneMessage shared = latest.get(DataplaneKey.shared(EntryType.BARRIER, BatchBarrier.ID));
        if (shared != null && shared.entry() instanceof BatchBarrier sb) {
            for (String node : sb.nodes()) {
                DataplaneKey key = new DataplaneKey(node, EntryType.BARRIER, BatchBarrier.ID);
                DataplaneMessage own = latest.get(key);
                if (!(own != null && own.entry() instanceof BatchBarrier nb && nb.revision() >= sb.revision())) {
                    out.add(key);
                }
            }
        }
        return out;
    }
}
