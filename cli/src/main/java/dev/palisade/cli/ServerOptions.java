package dev.palisade.cli;

import picocli.CommandLine.Option;

/** Where the online verbs send requests, and the bearer token they present (never printed). */
final class ServerOptions {

    @Option(names = "--server", description = "ingest-service URL (default: $PALISADE_SERVER or http://127.0.0.1:8080)")
    String server;

    @Option(names = "--token", description = "bearer token (default: $PALISADE_TOKEN)")
    String token;

    ApiClient client() {
        String url = server != null ? server : System.getenv().getOrDefault("PALISADE_SERVER", "http://127.0.0.1:8080");
        String bearer = token != null ? token : System.getenv("PALISADE_TOKEN");
        return new ApiClient(url, bearer);
    }
}
