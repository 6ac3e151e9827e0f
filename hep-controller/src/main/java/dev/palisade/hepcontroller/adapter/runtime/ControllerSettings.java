package dev.palisade.hepcontroller.adapter.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything the controller is told at start ({@code palisade.hep-controller.*}). */
@ConfigMapping(prefix = "palisade.hep-controller")
public interface ControllerSettings {

    /** The topic carrying every resource. */
    @WithDefault("palisade.resources")
    String resourcesTopic();

    /** ingest-service's base URL, e.g. {@code http://127.0.0.1:8080}. */
    URI ingestUrl();

    /** A file holding this controller's editor token (first non-blank line not starting with {@code #}). */
    Path tokenFile();

    @WithDefault("10s")
    Duration requestTimeout();

    /** Comma-separated etcd endpoints for leader election. */
    @WithName("etcd-endpoints")
    String etcdEndpoints();

    /** TLS to etcd ({@code etcd-tls.ca-file}, {@code …cert-file}, {@code …key-file}); off unless ca-file is set. */
    @WithName("etcd-tls")
    EtcdTls etcdTls();

    interface EtcdTls {
        Optional<Path> caFile();

        Optional<Path> certFile();

        Optional<Path> keyFile();
    }

    @WithDefault("palisade/hep-controller/leader")
    String electionName();

    /** Who this replica is, in the election (default: host name and process id). */
    Optional<String> identity();

    @WithDefault("10")
    long leaseTtlSeconds();

    /** Calico's drift repair period; hard-coded to 5 minutes there. */
    @WithDefault("5m")
    Duration fullSyncPeriod();

    /** After a failed reconcile, a full sync runs this much later. */
    @WithDefault("2s")
    Duration retryDelay();

    /** Calico's {@code AUTO_HOST_ENDPOINTS} override: {@code enabled} or {@code disabled}. */
    Optional<String> autoHostEndpoints();

    /** The Kubernetes node source ({@code palisade.hep-controller.kubernetes.*}); off unless configured. */
    Kubernetes kubernetes();

    interface Kubernetes {
        /** Absent: off. {@code in-cluster}: the pod's service account. Anything else: a kubeconfig path. */
        Optional<String> config();

        /** How often the informer replays its cache (changes nothing unless a write was lost). */
        @WithDefault("10m")
        Duration resyncPeriod();
    }
}
