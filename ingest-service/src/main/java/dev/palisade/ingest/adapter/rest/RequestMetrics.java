package dev.palisade.ingest.adapter.rest;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Counts API requests by verb, kind and status code ({@code palisade_api_requests_total}). */
public class RequestMetrics {

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/apis/")) {
            return;
        }
        // only known kinds become label values: a path is the client's to choose, the series count is ours
        String plural = request.getUriInfo().getPathParameters().getFirst("plural");
        if (plural != null && dev.palisade.model.resource.Kind.lookup(plural).isEmpty()) {
            plural = "unknown";
        }
        registry.counter("palisade_api_requests_total",
                "verb", request.getMethod(),
                "kind", plural == null ? (path.endsWith("/apply") ? "apply" : "none") : plural,
                "code", Integer.toString(response.getStatus())).increment();
    }
}
