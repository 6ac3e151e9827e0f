package dev.palisade.testkit;

/** A real server a test started; closing it stops the process. */
public sealed interface TestServer extends AutoCloseable permits KafkaBroker, Etcd, Postgres {

    ServerProcess process();

    @Override
    void close();
}
