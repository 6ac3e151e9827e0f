package dev.palisade.ingest.adapter.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Health, metrics and OpenAPI under {@code /q} need no token (probes and Prometheus have none), so they answer
 * only GET and HEAD: anything else is refused before any handler runs, whatever the extension would accept.
 */
@ApplicationScoped
public class OperationalEndpointsReadOnly {

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            HttpMethod method = context.request().method();
            if ((path.equals("/q") || path.startsWith("/q/")) && method != HttpMethod.GET && method != HttpMethod.HEAD) {
                context.response().setStatusCode(405).putHeader("Allow", "GET, HEAD")
                        .putHeader("Content-Type", "text/plain")
                        .end("/q/* is read-only: health, metrics and OpenAPI answer GET and HEAD only\n");
                return;
            }
            context.next();
        }, 1000);
    }
}
