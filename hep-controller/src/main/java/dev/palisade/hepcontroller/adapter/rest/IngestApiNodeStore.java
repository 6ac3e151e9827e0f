package dev.palisade.hepcontroller.adapter.rest;

import dev.palisade.hepcontroller.core.NodeStore;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Kind;
import dev.palisade.model.resource.Node;
import java.net.URI;
import java.net.http.HttpClient;
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
        return api.create(Node.class, KIND, node);
    }

    @Override
    public Node update(Node node) {
        return api.update(Node.class, KIND, node);
    }

    @Override
    public void delete(String name) {
        api.delete(KIND, name);
    }
}
