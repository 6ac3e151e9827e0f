package dev.palisade.hepcontroller.adapter.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.testkit.Eventually;
import dev.palisade.testkit.Etcd;
import dev.palisade.testkit.EtcdExtension;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against a real etcd: two replicas, one leader at any moment, and a hand-over when the leader goes. */
@ExtendWith(EtcdExtension.class)
class EtcdLeaderElectionTest {

    @Test
    void exactlyOneOfTwoReplicasLeadsAndTheOtherTakesOverWhenItStops(Etcd etcd) throws Exception {
        String election = "test/election/" + System.nanoTime();
        try (Client c1 = Client.builder().endpoints(etcd.endpoint()).build();
             Client c2 = Client.builder().endpoints(etcd.endpoint()).build()) {
            EtcdLeaderElection a = new EtcdLeaderElection(c1, election, "a", 3, Duration.ofMillis(200));
            EtcdLeaderElection b = new EtcdLeaderElection(c2, election, "b", 3, Duration.ofMillis(200));
            AtomicInteger bothAtOnce = new AtomicInteger();
            AtomicBoolean watching = new AtomicBoolean(true);
            // samples every 100 µs rather than spinning, so the check leaves the (shared) cores to etcd and the replicas
            Thread watcher = Thread.ofPlatform().start(() -> {
                while (watching.get()) {
                    if (a.isLeader() && b.isLeader()) {
                        bothAtOnce.incrementAndGet();
                    }
                    LockSupport.parkNanos(100_000);
                }
            });
            try {
                a.start();
                b.start();
                Eventually.await(Duration.ofSeconds(15), "one leader", () -> a.isLeader() || b.isLeader());
                // both candidates' keys exist: the follower is waiting in campaign, not merely not yet started
                ByteSequence prefix = ByteSequence.from(election + "/", StandardCharsets.UTF_8);
                Eventually.await(Duration.ofSeconds(15), "both replicas campaigning", () -> candidates(c1, prefix) == 2);
                EtcdLeaderElection leader = a.isLeader() ? a : b;
                EtcdLeaderElection follower = leader == a ? b : a;
                assertThat(follower.isLeader()).isFalse();

                leader.close();

                Eventually.await(Duration.ofSeconds(15), "the follower takes over", follower::isLeader);
                assertThat(leader.isLeader()).isFalse();
                follower.close();
                assertThat(follower.isLeader()).isFalse();
            } finally {
                watching.set(false);
                watcher.join();
                a.close();
                b.close();
            }
            assertThat(bothAtOnce.get()).as("samples with two leaders").isZero();
        }
    }

    private static long candidates(Client client, ByteSequence prefix) {
        try {
            return client.getKVClient().get(prefix, GetOption.builder().isPrefix(true).withCountOnly(true).build())
                    .get(5, TimeUnit.SECONDS).getCount();
        } catch (Exception e) {
            return -1;
        }
    }
}
