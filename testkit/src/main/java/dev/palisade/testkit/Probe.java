package dev.palisade.testkit;

import java.time.Duration;

/**
 * Sends one probe from inside a namespace: a TCP connect, or a UDP datagram that must be echoed back.
 * Policy drops show as {@link Reach#TIMEOUT}, so the timeout bounds the cost of every blocked probe.
 */
public final class Probe {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(800);

    // exit 0: answered; 2: no answer in time; 3: refused (RST or ICMP unreachable)
    private static final String SCRIPT = """
            import socket, sys
            proto, host, port, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
            family = socket.AF_INET6 if ':' in host else socket.AF_INET
            try:
                if proto == 'tcp':
                    s = socket.socket(family, socket.SOCK_STREAM)
                    s.settimeout(timeout)
                    s.connect((host, port))
                else:
                    s = socket.socket(family, socket.SOCK_DGRAM)
                    s.settimeout(timeout)
                    s.connect((host, port))
                    s.send(b'palisade-probe')
                    s.recv(2048)
                sys.exit(0)
            except (socket.timeout, TimeoutError):
                sys.exit(2)
            except (ConnectionRefusedError, ConnectionResetError):
                sys.exit(3)
            """;

    private Probe() {
    }

    public static Reach send(NetNs from, Protocol protocol, String address, int port) {
        return send(from, protocol, address, port, DEFAULT_TIMEOUT);
    }

    public static Reach send(NetNs from, Protocol protocol, String address, int port, Duration timeout) {
        TestAddresses.requireTestRange(address);
        Commands.Result result = from.exec(Python.executable(), "-c", SCRIPT, protocol.lower(), address,
                Integer.toString(port), Double.toString(timeout.toMillis() / 1000.0));
        return switch (result.exitCode()) {
            case 0 -> Reach.OPEN;
            case 2 -> Reach.TIMEOUT;
            case 3 -> Reach.REFUSED;
            default -> throw new IllegalStateException("probe " + protocol + " " + address + ":" + port
                    + " from " + from.name() + " failed to run (exit " + result.exitCode() + "): " + result.stderr());
        };
    }
}
