package dev.palisade.testkit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A server process listening inside a namespace, on every address (IPv4 and IPv6): a line-answering
 * TCP service (SSH-like on 22, FTP-like on 21), a UDP echo, or the seed's own
 * {@code python3 -m http.server}. It is ready once the socket is bound; stopping it goes by PID.
 */
public final class Listener implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    // Answers a TCP connection with one line, echoes UDP datagrams; dual-stack so IPv6 probes work too.
    private static final String SCRIPT = """
            import socket, sys
            proto, port = sys.argv[1], int(sys.argv[2])
            if proto == 'tcp':
                s = socket.create_server(('::', port), family=socket.AF_INET6, dualstack_ipv6=True, backlog=64)
                while True:
                    c, _ = s.accept()
                    try:
                        c.sendall(b'palisade-listener\\n')
                    except OSError:
                        pass
                    c.close()
            else:
                s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
                s.bind(('::', port))
                while True:
                    data, peer = s.recvfrom(2048)
                    s.sendto(data, peer)
            """;

    private final NetNs ns;
    private final Protocol protocol;
    private final int port;
    private final ServerProcess process;

    private Listener(NetNs ns, Protocol protocol, int port, ServerProcess process) {
        this.ns = ns;
        this.protocol = protocol;
        this.port = port;
        this.process = process;
    }

    /** A TCP service answering one line per connection, or a UDP echo, on {@code port}. */
    public static Listener start(NetNs ns, Protocol protocol, int port) {
        return launch(ns, protocol, port, Python.executable(), "-c", SCRIPT, protocol.lower(), Integer.toString(port));
    }

    /** {@code python3 -m http.server PORT}, exactly as seed 001 starts it on the master. */
    public static Listener httpServer(NetNs ns, int port) {
        return launch(ns, Protocol.TCP, port, Python.executable(), "-m", "http.server", Integer.toString(port));
    }

    private static Listener launch(NetNs ns, Protocol protocol, int port, String... command) {
        Path dir = WorkDirs.newDir("listener-" + protocol.lower() + port);
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = ns.name();
        System.arraycopy(command, 0, full, 4, command.length);
        // `ip netns exec` execs the command in place, so the PID is the server's own
        ServerProcess process = ServerProcess.launch(protocol.lower() + "/" + port + " in " + ns.name(), dir,
                dir.resolve("listener.log"), full);
        Listener listener = new Listener(ns, protocol, port, process);
        Await.ready(process, START_TIMEOUT, "a bound " + protocol + " socket on port " + port, listener::bound);
        return listener;
    }

    private boolean bound() {
        String flags = protocol == Protocol.TCP ? "-Hltn" : "-Hlun";
        return !ns.exec("ss", flags, "sport = :" + port).stdout().isBlank();
    }

    public int port() {
        return port;
    }

    public Protocol protocol() {
        return protocol;
    }

    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return protocol + " listener on " + port + " in " + ns.name() + " (pid " + process.pid() + ")";
    }
}
