package dev.palisade.hepcontroller.adapter.rest;

import dev.palisade.hepcontroller.core.NodeStore;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Nodes through ingest-service's API ({@code /apis/projectcalico.org/v3/nodes[/{name}]}), for the node source. */
public final class IngestApiNodeStore implements NodeStore {

    private static final Kind KIND = Kind.NODE;

    private final IngestApi api;

    public IngestApiNodeStore(HttpClient http, URI apiBase, String token, ResourceCodec codec, Duration timeout) {
        this.api = new IngestApi(http, apiBase, token, codec, timeout);
    }

    @Override
    public Node create(Node node) {
        HttpResponse<String> r = api.send("POST", api.collection(KIND), api.json(node));
        api.expect(r, "create", KIND, node.metadata().name(), 200, 201);
        return (Node) api.resource(r.body());
    }

    @Override
    public Node update(Node node) {
        HttpResponse<String> r = api.send("PUT", api.item(KIND, node.metadata().name()), api.json(node));
        api.expect(r, "update", KIND, node.metadata().name(), 200);
        return (Node) api.resource(r.body());
    }

    @Override
    public void delete(String name) {
        HttpResponse<String> r = api.send("DELETE", api.item(KIND, name), null);
        if (r.statusCode() != 404) {
            api.expect(r, "delete", KIND, name, 200, 202, 204);
        }
    }
}
