package dev.palisade.calculator.adapter;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Live while the engine thread runs; ready once the resource topic was read to the end (in sync). */
final class CalculatorHealth {

    private CalculatorHealth() {
    }

    private static HealthCheckResponse describe(String name, boolean up, CalculatorRuntime runtime) {
        return HealthCheckResponse.named(name).status(up).withData("inSync", runtime.inSync()).build();
    }

    @Liveness
    @ApplicationScoped
    static class Alive implements HealthCheck {
        private final CalculatorRuntime runtime;

        Alive(CalculatorRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public HealthCheckResponse call() {
            return describe("policy-calculator engine thread", runtime.alive(), runtime);
        }
    }

    @Readiness
    @ApplicationScoped
    static class Ready implements HealthCheck {
        private final CalculatorRuntime runtime;

        Ready(CalculatorRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public HealthCheckResponse call() {
            return describe("policy-calculator in sync", runtime.inSync(), runtime);
        }
    }
}
