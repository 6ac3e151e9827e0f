package dev.palisade.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Starts a real server for a Quarkus test run and hands Quarkus its connection properties. */
abstract class ServerTestResource<T extends TestServer> implements QuarkusTestResourceLifecycleManager {

    private final Supplier<T> starter;
    private final Function<T, Map<String, String>> properties;
    private T server;

    ServerTestResource(Supplier<T> starter, Function<T, Map<String, String>> properties) {
        this.starter = starter;
        this.properties = properties;
    }

    @Override
    public Map<String, String> start() {
        server = starter.get();
        return properties.apply(server);
    }

    /** The running server, for tests of the testkit itself. */
    T server() {
        return server;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
