package dev.palisade.hepcontroller.adapter.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Live while its threads run; ready once it has read the resource topic to the end and while the broker answers
 * (not ready during an outage, ready again on its own afterwards). A follower is ready too.
 */
final class ControllerHealth {

    private ControllerHealth() {
    }

    static HealthCheckResponse describe(String name, boolean up, HepControllerRuntime runtime) {
        var response = HealthCheckResponse.named(name).status(up)
                .withData("leader", runtime.isLeader())
                .withData("inSync", runtime.inSync())
                .withData("queueDepth", runtime.queueDepth());
        Boolean kubernetes = runtime.kubernetesSynced();
        if (kubernetes != null) {
            response.withData("kubernetesNodesSynced", kubernetes);
        }
        return response.build();
    }

    @Liveness
    @ApplicationScoped
    static class Alive implements HealthCheck {
        private final HepControllerRuntime runtime;

        Alive(HepControllerRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public HealthCheckResponse call() {
            return describe("hep-controller threads", runtime.threadsAlive(), runtime);
        }
    }

    @Readiness
    @ApplicationScoped
    static class Ready implements HealthCheck {
        private final HepControllerRuntime runtime;

        Ready(HepControllerRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public HealthCheckResponse call() {
            return describe("hep-controller resource view", runtime.inSync(), runtime);
        }
    }
}
