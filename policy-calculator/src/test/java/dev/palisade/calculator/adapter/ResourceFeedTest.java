package dev.palisade.calculator.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.calculator.engine.Update;
import dev.palisade.model.event.ResourceEvent;
import dev.palisade.model.event.ResourceEventCodec;
import dev.palisade.model.resource.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceFeedTest {

    private final ResourceEventCodec codec = new ResourceEventCodec(TestTopics.CODEC);
    private final List<Update> applied = new ArrayList<>();
    private final ResourceFeed feed = new ResourceFeed(TestTopics.CODEC, applied::add);

    private final Resource h1 = CalculatorLoopTest.hep("h1", "n1", "db", "198.18.0.1");
    private final Resource h2 = CalculatorLoopTest.hep("h2", "n2", "db", "198.18.0.2");

    private ResourceFeed.Outcome upsert(long revision, Resource r, boolean resync) {
        return feed.accept(r.key().toString(), codec.encode(ResourceEvent.upsert(revision, r, resync)));
    }

    @Test
    void appliesEachKeyInRevisionOrderOnlyAndTracksTheHighestRevision() {
        assertThat(upsert(5, h1, false)).isEqualTo(ResourceFeed.Outcome.APPLIED);
        assertThat(upsert(5, h1, false)).isEqualTo(ResourceFeed.Outcome.STALE);
        assertThat(upsert(4, h1, false)).isEqualTo(ResourceFeed.Outcome.STALE);
        assertThat(upsert(3, h2, false)).as("revisions are per key").isEqualTo(ResourceFeed.Outcome.APPLIED);
        assertThat(applied).containsExactly(Update.of(h1), Update.of(h2));
        assertThat(feed.revision()).isEqualTo(5);
        assertThat(feed.size()).isEqualTo(2);
    }

    @Test
    void aResyncSnapshotDeletesTheKeysItDidNotContain() {
        upsert(1, h1, false);
        upsert(2, h2, false);
        upsert(2, h2, true);
        byte[] done = "{\"schema\":1,\"revision\":9,\"type\":\"resync-done\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(feed.accept(ResourceEvent.RESYNC_DONE_KEY, done)).isEqualTo(ResourceFeed.Outcome.RESYNC_DONE);
        assertThat(applied).containsExactly(Update.of(h1), Update.of(h2), Update.deleted(h1.key()));
        assertThat(feed.revision()).isEqualTo(9);
        assertThat(upsert(8, h1, false)).as("older than the snapshot that deleted it")
                .isEqualTo(ResourceFeed.Outcome.STALE);
    }

    @Test
    void aTombstoneRemovesItsKeyAndAnUnreadableRecordIsRefusedWithTheReason() {
        upsert(1, h1, false);
        assertThat(feed.accept(h1.key().toString(), null)).isEqualTo(ResourceFeed.Outcome.APPLIED);
        assertThat(applied).last().isEqualTo(Update.deleted(h1.key()));
        assertThatThrownBy(() -> feed.accept("HostEndpoint/_/h3", "not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a resource event");
    }
}
