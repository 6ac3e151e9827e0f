package dev.palisade.calculator.adapter;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.Map;

/** Starts the engine thread with the application and stops it with the application. */
@ApplicationScoped
public class CalculatorRuntime {

    private final CalculatorLoop loop;
    private Thread thread;

    public CalculatorRuntime(CalculatorSettings settings, MeterRegistry registry,
                             @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        String clientId = "policy-calculator-" + ManagementFactory.getRuntimeMXBean().getName();
        this.loop = new CalculatorLoop(new KafkaClients(kafka, settings, clientId), settings,
                new CalculatorMetrics(registry));
    }

    void start(@Observes StartupEvent ignored) {
        // daemon: a session blocked on an unreachable broker must not keep the JVM alive after shutdown; a batch
        // cut short is harmless, the next run closes it with a barrier
        thread = Thread.ofPlatform().name("policy-calculator-engine").daemon().start(loop);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        loop.stop();
        if (thread != null) {
            thread.join(10_000);
        }
    }

    public boolean inSync() {
        return loop.inSync();
    }

    public boolean alive() {
        return thread != null && thread.isAlive();
    }
}
