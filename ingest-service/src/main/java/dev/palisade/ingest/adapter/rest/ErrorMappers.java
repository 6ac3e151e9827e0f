package dev.palisade.ingest.adapter.rest;

import dev.palisade.ingest.adapter.etcd.EtcdOutcomeUnknownException;
import dev.palisade.ingest.adapter.etcd.EtcdUnavailableException;
import dev.palisade.ingest.core.api.InvalidResourceException;
import dev.palisade.ingest.core.api.ReadOnlyResourceException;
import dev.palisade.ingest.core.auth.AuthException;
import dev.palisade.ingest.core.guard.LockoutErrors;
import dev.palisade.ingest.core.guard.LockoutException;
import dev.palisade.ingest.core.store.DatastoreException;
import dev.palisade.model.FieldError;
import dev.palisade.model.codec.DecodeException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Turns core failures into Kubernetes-style status responses with the right code. */
public class ErrorMappers {

    private final Representation representation;

    public ErrorMappers(Representation representation) {
        this.representation = representation;
    }

    @ServerExceptionMapper
    public Response notFound(DatastoreException.NotFound e, HttpHeaders headers) {
        return status(headers, 404, "NotFound", e.getMessage(), e);
    }

    @ServerExceptionMapper
    public Response alreadyExists(DatastoreException.AlreadyExists e, HttpHeaders headers) {
        return status(headers, 409, "AlreadyExists", e.getMessage(), e);
    }

    @ServerExceptionMapper
    public Response conflict(DatastoreException.Conflict e, HttpHeaders headers) {
        return status(headers, 409, "Conflict", e.getMessage(), e);
    }

    /** 409 naming each protected flow the write would cut, where, and the rule that would deny it. */
    @ServerExceptionMapper
    public Response lockout(LockoutException e, HttpHeaders headers) {
        return representation.respond(Representation.wantsYaml(headers), 409, Status.failure(representation.json(),
                409, LockoutException.REASON, e.getMessage(), e.key(), LockoutErrors.of(e)));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidResourceException e, HttpHeaders headers) {
        return representation.respond(Representation.wantsYaml(headers), 422, Status.failure(representation.json(),
                422, "Invalid", e.getMessage(), null, e.errors()));
    }

    @ServerExceptionMapper
    public Response undecodable(DecodeException e, HttpHeaders headers) {
        return representation.respond(Representation.wantsYaml(headers), 422, Status.failure(representation.json(),
                422, "Invalid", e.getMessage(), null, e.errors()));
    }

    @ServerExceptionMapper
    public Response readOnly(ReadOnlyResourceException e, HttpHeaders headers) {
        return representation.respond(Representation.wantsYaml(headers), 405, Status.failure(representation.json(),
                405, "MethodNotAllowed", e.getMessage(), null, List.of()));
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthException.Unauthenticated e, HttpHeaders headers) {
        return representation.respond(Representation.wantsYaml(headers), 401, Status.failure(representation.json(),
                401, "Unauthorized", e.getMessage(), null, List.of()));
    }

    @ServerExceptionMapper
    public Response forbidden(AuthException.Forbidden e, HttpHeaders headers) {
        return representation.respond(Representation.wantsYaml(headers), 403, Status.failure(representation.json(),
                403, "Forbidden", e.getMessage(), null, List.of()));
    }

    /** JAX-RS's own refusals (unknown kind in the path, a method a path does not have) as a Status, too. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpHeaders headers) {
        int code = e.getResponse().getStatus();
        if (code >= 500) {
            return null; // not ours to explain; the default handling logs it
        }
        String reason = Response.Status.fromStatusCode(code) == null ? "BadRequest"
                : Response.Status.fromStatusCode(code).getReasonPhrase().replace(" ", "");
        return representation.respond(Representation.wantsYaml(headers), code, Status.failure(representation.json(),
                code, reason, e.getMessage(), null, List.of()));
    }

    /** A body in a type we do not read: say which types we do, and echo what was sent (not the body). */
    @ServerExceptionMapper
    public Response unsupportedType(NotSupportedException e, HttpHeaders headers, Request request) {
        List<String> accepted = BodyTypes.accepted(request.getMethod());
        String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        String shown = sent == null ? null : sent.length() > 100 ? sent.substring(0, 100) + "…" : sent;
        String message = "Content-Type " + (shown == null ? "is missing" : "\"" + shown + "\" is not supported")
                + " for " + request.getMethod() + "; send one of " + String.join(", ", accepted);
        return representation.respond(Representation.wantsYaml(headers), 415, Status.failure(representation.json(),
                415, "UnsupportedMediaType", message, null, List.of(new FieldError("Content-Type", message))));
    }

    /** 504 as Kubernetes answers a write it cannot confirm: not "failed", since it may still be applied. */
    @ServerExceptionMapper
    public Response outcomeUnknown(EtcdOutcomeUnknownException e, HttpHeaders headers) {
        return representation.respond(Representation.wantsYaml(headers), 504, Status.failure(representation.json(),
                504, "Timeout", e.getMessage(), e.key(), List.of()));
    }

    @ServerExceptionMapper
    public Response etcdDown(EtcdUnavailableException e, HttpHeaders headers) {
        return representation.respond(Representation.wantsYaml(headers), 503, Status.failure(representation.json(),
                503, "ServiceUnavailable", e.getMessage(), null, List.of()));
    }

    private Response status(HttpHeaders headers, int code, String reason, String message, DatastoreException e) {
        return representation.respond(Representation.wantsYaml(headers), code,
                Status.failure(representation.json(), code, reason, message, e.key(), List.of()));
    }
}
