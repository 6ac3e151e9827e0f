package dev.palisade.testkit;

import java.util.Map;

/** A real etcd for {@code @WithTestResource}; sets {@code etcd.endpoints}. */
public final class EtcdTestResource extends ServerTestResource<Etcd> {

    public EtcdTestResource() {
        super(Etcd::start, etcd -> Map.of("etcd.endpoints", etcd.endpoint()));
    }
}
