package dev.palisade.model.event;

import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The protocol of palisade.resources as every consumer (calculator, hep-controller) reads it. */
class ResourceStreamReaderTest {

    private static final ResourceCodec CODEC = new ResourceCodec();

    record Change(ResourceKey key, Resource value) {
    }

    private final ResourceEventCodec codec = new ResourceEventCodec(CODEC);
    private final List<Change> applied = new ArrayList<>();
    private final ResourceStreamReader reader = new ResourceStreamReader(CODEC, kind -> kind != Kind.PROFILE,
            (key, value, revision) -> applied.add(new Change(key, value)));

    private final Resource h1 = hep("h1", "198.18.0.1");
    private final Resource h2 = hep("h2", "198.18.0.2");

    private static Resource hep(String name, String ip) {
        return CODEC.decodeSingle("""
                apiVersion: projectcalico.org/v3
                kind: HostEndpoint
                metadata: {name: %s, labels: {role: db}}
                spec: {node: n1, interfaceName: eth0, expectedIPs: ["%s"]}
                """.formatted(name, ip));
    }

    private ResourceStreamReader.Outcome upsert(long revision, Resource r, boolean resync) {
        return reader.accept(r.key().toString(), codec.encode(ResourceEvent.upsert(revision, r, resync)));
    }

    @Test
    void appliesEachKeyInRevisionOrderOnlyAndTracksTheHighestRevision() {
        assertThat(upsert(5, h1, false)).isEqualTo(ResourceStreamReader.Outcome.APPLIED);
        assertThat(upsert(5, h1, false)).isEqualTo(ResourceStreamReader.Outcome.STALE);
        assertThat(upsert(4, h1, false)).isEqualTo(ResourceStreamReader.Outcome.STALE);
        assertThat(upsert(3, h2, false)).as("revisions are per key").isEqualTo(ResourceStreamReader.Outcome.APPLIED);
        assertThat(applied).containsExactly(new Change(h1.key(), h1), new Change(h2.key(), h2));
        assertThat(reader.revision()).isEqualTo(5);
        assertThat(reader.size()).isEqualTo(2);
    }

    @Test
    void aResyncSnapshotDeletesTheKeysItDidNotContain() {
        upsert(1, h1, false);
        upsert(2, h2, false);
        upsert(2, h2, true);
        byte[] done = "{\"schema\":1,\"revision\":9,\"type\":\"resync-done\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(reader.accept(ResourceEvent.RESYNC_DONE_KEY, done))
                .isEqualTo(ResourceStreamReader.Outcome.RESYNC_DONE);
        assertThat(applied).containsExactly(new Change(h1.key(), h1), new Change(h2.key(), h2),
                new Change(h1.key(), null));
        assertThat(reader.revision()).isEqualTo(9);
        assertThat(upsert(8, h1, false)).as("older than the snapshot that deleted it")
                .isEqualTo(ResourceStreamReader.Outcome.STALE);
    }

    /** One meaning, for every consumer: compaction may have dropped the delete event a tombstone stands for. */
    @Test
    void aTombstoneRemovesItsKey() {
        upsert(1, h1, false);
        assertThat(reader.accept(h1.key().toString(), null)).isEqualTo(ResourceStreamReader.Outcome.APPLIED);
        assertThat(applied).last().isEqualTo(new Change(h1.key(), null));
        assertThat(reader.size()).isZero();
    }

    @Test
    void kindsNotWatchedNeverReachTheListener() {
        assertThat(reader.accept("Profile/_/p1", null)).isEqualTo(ResourceStreamReader.Outcome.IGNORED);
        assertThat(applied).isEmpty();
    }

    @Test
    void anUnreadableRecordIsRefusedWithTheReasonAndChangesNothing() {
        assertThatThrownBy(() -> reader.accept("HostEndpoint/_/h3", "not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a resource event");
        assertThat(applied).isEmpty();
    }
}
