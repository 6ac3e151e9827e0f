package dev.palisade.ingest.adapter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "palisade.ingest")
public interface IngestConfig {

    Etcd etcd();

    Auth auth();

    Topics topics();

    Publisher publisher();

    interface Etcd {
        /** Comma-separated client URLs; set from {@code etcd.endpoints}. */
        String endpoints();

        /** How long a REST read or write waits for etcd; a write not confirmed by then is "outcome unknown" (504). */
        @WithDefault("10s")
        Duration requestTimeout();

        Tls tls();

        interface Tls {
            Optional<Path> caFile();

            Optional<Path> certFile();

            Optional<Path> keyFile();
        }
    }

    interface Auth {
        /** Lines of {@code token,subject,role}; a mounted Kubernetes Secret key works as is. */
        Path tokensFile();
    }

    interface Topics {
        @WithDefault("palisade.resources")
        String resources();

        @WithDefault("1")
        @WithName("resources-partitions")
        int resourcePartitions();

        @WithDefault("palisade.ingest")
        String ingest();

        @WithDefault("palisade.ingest.dlq")
        String deadLetters();
    }

    interface Publisher {
        @WithDefault("2s")
        Duration retryDelay();
    }
}
