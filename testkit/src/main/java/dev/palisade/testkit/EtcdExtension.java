package dev.palisade.testkit;

/** Gives tests a {@link Etcd} parameter, one shared instance per JVM. */
public final class EtcdExtension extends SharedServerExtension<Etcd> {

    public EtcdExtension() {
        super(Etcd.class, Etcd::start);
    }
}
