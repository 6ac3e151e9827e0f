package dev.palisade.ingest.adapter.rest;

import dev.palisade.ingest.core.auth.Access;
import dev.palisade.ingest.core.auth.Authorizer;
import dev.palisade.ingest.core.auth.Principal;
import dev.palisade.model.resource.Resource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API call needs a bearer token: reads (and the preview) the viewer role, writes the editor role. Health, metrics and
 * OpenAPI under {@code /q} are not JAX-RS resources, so this filter never sees them; they stay open and
 * read-only ({@link OperationalEndpointsReadOnly}). No path is exempt here, so a resource added under /q later
 * still needs a token. The principal is kept on the request for auditing.
 */
public class BearerAuthFilter {

    static final String PRINCIPAL = "palisade.principal";
    /** A POST only because its question is too big for a URL: it changes nothing. */
    private static final String PREVIEW = "/apis/" + Resource.PALISADE_API_VERSION + "/preview";

    private final Authorizer authorizer;

    public BearerAuthFilter(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @ServerRequestFilter
    public void authorize(ContainerRequestContext request) {
        String method = request.getMethod();
        boolean reads = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                || request.getUriInfo().getPath().equals(PREVIEW);
        Access access = reads ? Access.READ : Access.WRITE;
        Principal principal = authorizer.authorize(request.getHeaderString(HttpHeaders.AUTHORIZATION), access);
        request.setProperty(PRINCIPAL, principal);
    }
}
