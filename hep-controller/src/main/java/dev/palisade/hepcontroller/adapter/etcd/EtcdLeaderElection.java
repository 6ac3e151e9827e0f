package dev.palisade.hepcontroller.adapter.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Leadership among replicas through etcd's election API, on a lease kept alive while this process lives:
 * one replica leads, the others wait in {@code campaign}. If the lease is lost (network, etcd restart, a
 * stalled process), this replica stops being leader at once and campaigns again; etcd lets another win
 * only after the lease expired, so two replicas never act at the same time for longer than the time it
 * takes the old leader to notice the lost keep-alive.
 */
public final class EtcdLeaderElection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EtcdLeaderElection.class);

    private final Client client;
    private final ByteSequence electionName;
    private final ByteSequence identity;
    private final long ttlSeconds;
    private final Duration retryDelay;
    private final Thread thread;
    private volatile boolean leader;
    private volatile boolean closing;
    private volatile LeaderKey leaderKey;
    private volatile long leaseId;
    private volatile CountDownLatch lost = new CountDownLatch(1);

    public EtcdLeaderElection(Client client, String electionName, String identity, long ttlSeconds,
                              Duration retryDelay) {
        this.client = client;
        this.electionName = ByteSequence.from(electionName, StandardCharsets.UTF_8);
        this.identity = ByteSequence.from(identity, StandardCharsets.UTF_8);
        this.ttlSeconds = ttlSeconds;
        this.retryDelay = retryDelay;
        this.thread = new Thread(this::campaignForever, "hep-controller-election");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean isLeader() {
        return leader;
    }

    private void campaignForever() {
        while (!closing) {
            CloseableClient keepAlive = null;
            try {
                lost = new CountDownLatch(1);
                leaseId = client.getLeaseClient().grant(ttlSeconds).get(10, TimeUnit.SECONDS).getID();
                keepAlive = client.getLeaseClient().keepAlive(leaseId, new LeaseObserver(lost));
                LOG.infof("campaigning for %s as %s (lease %x)", electionName, identity, leaseId);
                leaderKey = client.getElectionClient().campaign(electionName, leaseId, identity).get().getLeader();
                leader = true;
                LOG.infof("leader for %s", electionName);
                lost.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!closing) {
                    LOG.warnf("election for %s: %s", electionName, e.getMessage());
                }
            } finally {
                if (leader && !closing) {
                    LOG.warnf("lost leadership of %s", electionName);
                }
                leader = false;
                if (keepAlive != null) {
                    keepAlive.close();
                }
            }
            sleepBeforeRetry();
        }
    }

    private void sleepBeforeRetry() {
        try {
            Thread.sleep(retryDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** Resigns (so another replica takes over at once rather than after the lease TTL) and revokes the lease. */
    @Override
    public void close() {
        closing = true;
        boolean wasLeader = leader;
        leader = false;
        try {
            if (wasLeader && leaderKey != null) {
                client.getElectionClient().resign(leaderKey).get(5, TimeUnit.SECONDS);
            }
            if (leaseId != 0) {
                client.getLeaseClient().revoke(leaseId).get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.debugf("closing election: %s", e.getMessage());
        }
        lost.countDown();
        thread.interrupt();
    }

    private static final class LeaseObserver implements StreamObserver<LeaseKeepAliveResponse> {
        private final CountDownLatch lost;

        LeaseObserver(CountDownLatch lost) {
            this.lost = lost;
        }

        @Override
        public void onNext(LeaseKeepAliveResponse response) {
            if (response.getTTL() <= 0) {
                lost.countDown();
            }
        }

        @Override
        public void onError(Throwable t) {
            lost.countDown();
        }

        @Override
        public void onCompleted() {
            lost.countDown();
        }
    }
}
