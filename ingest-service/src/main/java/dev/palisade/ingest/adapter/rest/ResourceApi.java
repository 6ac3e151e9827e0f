package dev.palisade.ingest.adapter.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.ingest.core.api.ApplyOutcome;
import dev.palisade.ingest.core.api.InvalidResourceException;
import dev.palisade.ingest.core.api.ResourceService;
import dev.palisade.ingest.core.auth.Principal;
import dev.palisade.ingest.core.store.Datastore;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;
import dev.palisade.model.validation.Warnings;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * The calicoctl-compatible resource API, with Kubernetes-style paths for cluster-scoped and namespaced
 * kinds. Bodies are YAML or JSON; responses are JSON unless YAML is asked for. Each API group serves its own
 * kinds ({@link PalisadeApi} the {@code palisade.dev/v1} ones). Writes take {@code ?force=true} to commit
 * even what the lockout guard refuses.
 */
@Path("/apis/" + Resource.API_VERSION)
public class ResourceApi {

    private final ResourceService service;
    private final ResourceCodec codec;
    private final Representation representation;
    private final LabelSelectors selectors;
    private final Warnings warnings = new Warnings();
    private final String group;

    @Inject
    public ResourceApi(ResourceService service, ResourceCodec codec, Representation representation,
                       LabelSelectors selectors) {
        this(service, codec, representation, selectors, Resource.API_VERSION);
    }

    protected ResourceApi(ResourceService service, ResourceCodec codec, Representation representation,
                          LabelSelectors selectors, String group) {
        this.service = service;
        this.codec = codec;
        this.representation = representation;
        this.selectors = selectors;
        this.group = group;
    }

    @GET
    @Path("{plural}")
    public Response list(@PathParam("plural") String plural, @QueryParam("labelSelector") String selector,
                         @Context HttpHeaders headers) {
        Kind kind = kind(plural);
        return representation.ok(headers, representation.list(kind, service.list(kind, null, selectors.parse(selector))));
    }

    @GET
    @Path("namespaces/{ns}/{plural}")
    public Response listNamespaced(@PathParam("ns") String ns, @PathParam("plural") String plural,
                                   @QueryParam("labelSelector") String selector, @Context HttpHeaders headers) {
        Kind kind = namespaced(plural);
        return representation.ok(headers, representation.list(kind, service.list(kind, ns, selectors.parse(selector))));
    }

    @GET
    @Path("{plural}/{name}")
    public Response get(@PathParam("plural") String plural, @PathParam("name") String name,
                        @Context HttpHeaders headers) {
        return representation.ok(headers, representation.tree(service.get(key(plural, null, name))));
    }

    @GET
    @Path("namespaces/{ns}/{plural}/{name}")
    public Response getNamespaced(@PathParam("ns") String ns, @PathParam("plural") String plural,
                                  @PathParam("name") String name, @Context HttpHeaders headers) {
        return representation.ok(headers, representation.tree(service.get(key(plural, ns, name))));
    }

    @POST
    @Path("{plural}")
    @Consumes({BodyTypes.YAML, BodyTypes.X_YAML, BodyTypes.TEXT_YAML, BodyTypes.JSON})
    public Response create(@PathParam("plural") String plural, String body, @QueryParam("force") boolean force,
                           @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        Resource resource = body(body, kind(plural), null, null);
        return written(headers, Response.Status.CREATED, service.create(resource, actor(request), force));
    }

    @POST
    @Path("namespaces/{ns}/{plural}")
    @Consumes({BodyTypes.YAML, BodyTypes.X_YAML, BodyTypes.TEXT_YAML, BodyTypes.JSON})
    public Response createNamespaced(@PathParam("ns") String ns, @PathParam("plural") String plural, String body,
                                     @QueryParam("force") boolean force, @Context HttpHeaders headers,
                                     @Context ContainerRequestContext request) {
        Resource resource = body(body, namespaced(plural), ns, null);
        return written(headers, Response.Status.CREATED, service.create(resource, actor(request), force));
    }

    @PUT
    @Path("{plural}/{name}")
    @Consumes({BodyTypes.YAML, BodyTypes.X_YAML, BodyTypes.TEXT_YAML, BodyTypes.JSON})
    public Response replace(@PathParam("plural") String plural, @PathParam("name") String name, String body,
                            @QueryParam("force") boolean force, @Context HttpHeaders headers,
                            @Context ContainerRequestContext request) {
        Resource resource = body(body, kind(plural), null, name);
        return written(headers, Response.Status.OK, service.replace(resource, actor(request), force));
    }

    @PUT
    @Path("namespaces/{ns}/{plural}/{name}")
    @Consumes({BodyTypes.YAML, BodyTypes.X_YAML, BodyTypes.TEXT_YAML, BodyTypes.JSON})
    public Response replaceNamespaced(@PathParam("ns") String ns, @PathParam("plural") String plural,
                                      @PathParam("name") String name, String body, @QueryParam("force") boolean force,
                                      @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        Resource resource = body(body, namespaced(plural), ns, name);
        return written(headers, Response.Status.OK, service.replace(resource, actor(request), force));
    }

    @PATCH
    @Path("{plural}/{name}")
    @Consumes({BodyTypes.MERGE_PATCH, BodyTypes.JSON})
    public Response patch(@PathParam("plural") String plural, @PathParam("name") String name, String body,
                          @QueryParam("force") boolean force, @Context HttpHeaders headers,
                          @Context ContainerRequestContext request) {
        return written(headers, Response.Status.OK, service.patch(key(plural, null, name), body, actor(request),
                force));
    }

    @PATCH
    @Path("namespaces/{ns}/{plural}/{name}")
    @Consumes({BodyTypes.MERGE_PATCH, BodyTypes.JSON})
    public Response patchNamespaced(@PathParam("ns") String ns, @PathParam("plural") String plural,
                                    @PathParam("name") String name, String body, @QueryParam("force") boolean force,
                                    @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        return written(headers, Response.Status.OK, service.patch(key(plural, ns, name), body, actor(request),
                force));
    }

    @DELETE
    @Path("{plural}/{name}")
    public Response delete(@PathParam("plural") String plural, @PathParam("name") String name,
                           @QueryParam("resourceVersion") Long resourceVersion, @QueryParam("force") boolean force,
                           @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        return representation.ok(headers, representation.tree(service.delete(key(plural, null, name),
                revision(resourceVersion), actor(request), force)));
    }

    @DELETE
    @Path("namespaces/{ns}/{plural}/{name}")
    public Response deleteNamespaced(@PathParam("ns") String ns, @PathParam("plural") String plural,
                                     @PathParam("name") String name, @QueryParam("resourceVersion") Long resourceVersion,
                                     @QueryParam("force") boolean force, @Context HttpHeaders headers,
                                     @Context ContainerRequestContext request) {
        return representation.ok(headers, representation.tree(service.delete(key(plural, ns, name),
                revision(resourceVersion), actor(request), force)));
    }

    /**
     * Create-or-update of every resource in a YAML/JSON stream. Always 200 when the stream was read; each
     * item of {@code results} says what happened to one resource, in stream order.
     */
    @POST
    @Path("apply")
    @Consumes({BodyTypes.YAML, BodyTypes.X_YAML, BodyTypes.TEXT_YAML, BodyTypes.JSON})
    public Response apply(String body, @QueryParam("force") boolean force, @Context HttpHeaders headers,
                          @Context ContainerRequestContext request) {
        List<ApplyOutcome> outcomes = service.applyAll(body, actor(request), force);
        ObjectNode report = representation.json().createObjectNode();
        report.put("kind", "ApplyReport");
        ArrayNode results = report.putArray("results");
        List<String> warned = new ArrayList<>();
        for (ApplyOutcome outcome : outcomes) {
            ObjectNode item = results.addObject();
            item.put("index", outcome.index());
            switch (outcome) {
                case ApplyOutcome.Applied applied -> {
                    item.put("status", applied.created() ? "created" : "updated");
                    item.put("code", applied.created() ? 201 : 200);
                    item.set("resource", representation.tree(applied.resource()));
                    List<String> these = warningsFor(applied.resource());
                    these.forEach(item.putArray("warnings")::add);
                    warned.addAll(these);
                }
                case ApplyOutcome.Failed failed -> {
                    item.put("status", "failed");
                    item.put("code", failed.status());
                    if (failed.reason() != null) {
                        item.put("reason", failed.reason());
                    }
                    item.put("kind", failed.kind());
                    item.put("name", failed.name());
                    ArrayNode errors = item.putArray("errors");
                    failed.errors().forEach(e -> errors.addObject().put("field", e.path()).put("message", e.message()));
                }
            }
        }
        return withWarnings(representation.ok(headers, report), warned);
    }

    /** A stored resource as the reply, with a {@code Warning} header for each field kept but not acted on. */
    private Response written(HttpHeaders headers, Response.Status status, Resource stored) {
        return withWarnings(representation.respond(headers, status, representation.tree(stored)), warningsFor(stored));
    }

    private List<String> warningsFor(Resource resource) {
        String who = resource.kind().kindName() + " " + resource.metadata().name() + ": ";
        return warnings.of(resource).stream().map(w -> who + w).toList();
    }

    /** RFC 9111 warn-code 299 ("miscellaneous persistent warning"), the form Kubernetes API servers use. */
    private static Response withWarnings(Response response, List<String> texts) {
        if (texts.isEmpty()) {
            return response;
        }
        Response.ResponseBuilder out = Response.fromResponse(response);
        texts.forEach(t -> out.header("Warning", "299 - \"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return out.build();
    }

    private Resource body(String body, Kind kind, String namespace, String name) {
        Resource resource = codec.decodeSingle(body);
        if (resource.metadata() == null) {
            throw new InvalidResourceException("metadata", "metadata must be specified");
        }
        if (resource.kind() != kind) {
            throw new InvalidResourceException("kind", "the body is a " + resource.kind().kindName()
                    + " but the path is for " + kind.plural());
        }
        if (name != null && !name.equals(resource.metadata().name())) {
            throw new InvalidResourceException("metadata.name", "\"" + resource.metadata().name()
                    + "\" does not match the name in the path, \"" + name + "\"");
        }
        if (namespace != null) {
            String given = resource.metadata().namespace();
            if (given != null && !given.equals(namespace)) {
                throw new InvalidResourceException("metadata.namespace", "\"" + given
                        + "\" does not match the namespace in the path, \"" + namespace + "\"");
            }
            if (given == null) {
                resource = resource.withMetadata(resource.metadata().withNamespace(namespace));
            }
        }
        return resource;
    }

    private ResourceKey key(String plural, String namespace, String name) {
        Kind kind = namespace == null ? kind(plural) : namespaced(plural);
        return new ResourceKey(kind, namespace, name);
    }

    /** A kind of this API group; another group's kind is named with the path that serves it. */
    private Kind kind(String plural) {
        Kind kind = Kind.lookup(plural)
                .orElseThrow(() -> new NotFoundException("unknown resource type \"" + plural + "\""));
        if (!kind.apiVersion().equals(group)) {
            throw new NotFoundException(kind.kindName() + " is served under /apis/" + kind.apiVersion());
        }
        return kind;
    }

    private Kind namespaced(String plural) {
        Kind kind = kind(plural);
        if (!kind.namespaced()) {
            throw new NotFoundException(kind.kindName() + " is cluster-scoped: use /apis/" + group + "/" + kind.plural());
        }
        return kind;
    }

    private static long revision(Long resourceVersion) {
        return resourceVersion == null ? Datastore.ANY_REVISION : resourceVersion;
    }

    static String actor(ContainerRequestContext request) {
        return ((Principal) request.getProperty(BearerAuthFilter.PRINCIPAL)).subject();
    }
}
