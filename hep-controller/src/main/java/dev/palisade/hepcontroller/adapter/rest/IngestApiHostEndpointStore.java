package dev.palisade.hepcontroller.adapter.rest;

import dev.palisade.hepcontroller.core.HostEndpointStore;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.HostEndpoint;
import dev.palisade.model.resource.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Host endpoints through ingest-service's API ({@code /apis/projectcalico.org/v3/hostendpoints[/{name}]}). */
public final class IngestApiHostEndpointStore implements HostEndpointStore {

    private static final Kind KIND = Kind.HOST_ENDPOINT;

    private final IngestApi api;

    public IngestApiHostEndpointStore(HttpClient http, URI apiBase, String token, ResourceCodec codec,
                                      Duration timeout) {
        this.api = new IngestApi(http, apiBase, token, codec, timeout);
    }

    @Override
    public Optional<HostEndpoint> get(String name) {
        HttpResponse<String> r = api.send("GET", api.item(KIND, name), null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        api.expect(r, "get", KIND, name, 200);
        return Optional.of((HostEndpoint) api.resource(r.body()));
    }

    @Override
    public List<HostEndpoint> list() {
        HttpResponse<String> r = api.send("GET", api.collection(KIND), null);
        api.expect(r, "list", KIND, "", 200);
        List<HostEndpoint> out = new ArrayList<>();
        api.tree(r.body()).path("items").forEach(item -> out.add((HostEndpoint) api.resource(item)));
        return out;
    }

    @Override
    public HostEndpoint create(HostEndpoint hep) {
        return api.create(HostEndpoint.class, KIND, hep);
    }

    @Override
    public HostEndpoint update(HostEndpoint hep) {
        return api.update(HostEndpoint.class, KIND, hep);
    }

    @Override
    public void delete(String name) {
        api.delete(KIND, name);
    }
}
