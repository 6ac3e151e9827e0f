package dev.palisade.deploy.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's CRUD mock (an in-memory API server that keeps what it is sent and streams watch events), plus
 * what the mock lacks and a real API server does when its watch cache has moved on: {@link #expire()} ends
 * every open watch of the client under test (told by its bearer token) and answers its watch requests with
 * 410 Gone until {@link #resume()}, so the client has to list again. Its lists are refused (503) meanwhile:
 * the mock's watches replay current objects but never deletions, so a list that ran before the test's
 * changes, followed by a fresh watch, would hide a deletion that a real server's watch or list would show.
 * It counts the 410s served and the node lists, so a test can tell that a relist happened.
 */
final class ExpiringWatchDispatcher extends Dispatcher {

    private static final String GONE = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
            "message":"too old resource version","reason":"Expired","code":410}""";
    private static final String UNAVAILABLE = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
            "message":"held by the test","reason":"ServiceUnavailable","code":503}""";

    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final String clientAuthorization;
    private final List<WebSocket> watches = new CopyOnWriteArrayList<>();
    private final AtomicInteger goneServed = new AtomicInteger();
    private final AtomicInteger nodeLists = new AtomicInteger();
    private volatile boolean expired;

    /** {@code clientToken}: the bearer token of the client under test (the test's own client has another). */
    ExpiringWatchDispatcher(String clientToken) {
        this.clientAuthorization = "Bearer " + clientToken;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        boolean watch = request.getPath().contains("watch=true");
        if (expired && clientAuthorization.equals(request.getHeader("Authorization"))) {
            if (watch) {
                // as a real API server does: the watch is accepted, then ends with an ERROR event carrying 410
                goneServed.incrementAndGet();
                return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket, Response response) {
                        socket.send("{\"type\":\"ERROR\",\"object\":" + GONE + "}");
                        socket.close(1000, "watch expired");
                    }
                });
            }
            return new MockResponse().setResponseCode(503).setBody(UNAVAILABLE);
        }
        if (!watch && "GET".equals(request.getMethod()) && request.getPath().matches("/api/v1/nodes(\\?.*)?")) {
            nodeLists.incrementAndGet();
        }
        MockResponse response = crud.dispatch(request);
        WebSocketListener listener = response.getWebSocketListener();
        return listener == null ? response : response.withWebSocketUpgrade(new Tracked(listener));
    }

    void expire() {
        expired = true;
        watches.forEach(w -> w.close(1000, "watch expired"));
    }

    void resume() {
        expired = false;
    }

    int goneServed() {
        return goneServed.get();
    }

    int nodeLists() {
        return nodeLists.get();
    }

    /** The mock's own watch listener, with its socket remembered so that {@link #expire()} can close it. */
    private final class Tracked extends WebSocketListener {
        private final WebSocketListener delegate;

        Tracked(WebSocketListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onBeforeAccept(WebSocket socket, Response response) {
            delegate.onBeforeAccept(socket, response);
        }

        @Override
        public void onOpen(WebSocket socket, Response response) {
            watches.add(socket);
            delegate.onOpen(socket, response);
        }

        @Override
        public void onMessage(WebSocket socket, String text) {
            delegate.onMessage(socket, text);
        }

        @Override
        public void onMessage(WebSocket socket, ByteString bytes) {
            delegate.onMessage(socket, bytes);
        }

        @Override
        public void onMessage(WebSocket socket, byte[] bytes) {
            delegate.onMessage(socket, bytes);
        }

        @Override
        public void onPing(WebSocket socket, byte[] bytes) {
            delegate.onPing(socket, bytes);
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            delegate.onClosing(socket, code, reason);
        }

        @Override
        public void onClosed(WebSocket socket, int code, String reason) {
            watches.remove(socket);
            delegate.onClosed(socket, code, reason);
        }

        @Override
        public void onFailure(WebSocket socket, Throwable error, Response response) {
            watches.remove(socket);
            delegate.onFailure(socket, error, response);
        }
    }
}
