#!/usr/bin/env python3
"""Tiny listener and prober for the driver's packet tests, run inside a namespace with ip netns exec.

serve SPEC...           listen on each tcp:PORT / udp:PORT (IPv4 and IPv6); TCP accepts and closes,
                        UDP echoes. Prints "ready" once every socket is bound, then runs until killed.
probe tcp HOST PORT T   connect with timeout T seconds; prints open, refused or timeout.
probe udp HOST PORT T [SPORT]
                        send one datagram (from SPORT if given) and wait T seconds for the echo;
                        prints open or timeout.
many T PROTO,HOST,PORT...
                        all probes at once (one thread each), one result line each, in order.
batch                   long-lived: prints "ready", then answers each line read from stdin with one line,
                        so a run of many batches starts python once instead of once a batch:
                          T PROTO,HOST,PORT...  all probes at once (non-blocking sockets, one thread), results
                                                space-separated in order: open, refused or timeout
                          flush                 forgets every connection (conntrack -F), then prints "flushed"
"""
import errno
import select
import selectors
import socket
import subprocess
import sys
import time


def serve(specs):
    socks = []
    for spec in specs:
        proto, port = spec.split(":")
        port = int(port)
        kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
        s = socket.socket(socket.AF_INET6, kind)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        s.bind(("::", port))
        if proto == "tcp":
            s.listen(64)
        socks.append((proto, s))
    print("ready", flush=True)
    while True:
        readable, _, _ = select.select([s for _, s in socks], [], [])
        for proto, s in socks:
            if s not in readable:
                continue
            if proto == "tcp":
                conn, _ = s.accept()
                conn.close()
            else:
                data, addr = s.recvfrom(2048)
                try:
                    s.sendto(data, addr)
                except PermissionError:
                    pass  # the node's own output rules dropped the echo: the prober sees a timeout, we serve on


def probe(proto, host, port, timeout, sport):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if proto == "tcp":
        s = socket.socket(family, socket.SOCK_STREAM)
        s.settimeout(timeout)
        try:
            s.connect((host, port))
            return "open"
        except socket.timeout:
            return "timeout"
        except ConnectionRefusedError:
            return "refused"
        except OSError as e:
            return "error " + str(e)
        finally:
            s.close()
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if sport:
        s.bind(("", sport))
    s.settimeout(timeout)
    try:
        s.sendto(b"palisade", (host, port))
        s.recvfrom(2048)
        return "open"
    except socket.timeout:
        return "timeout"
    except PermissionError:
        return "timeout"  # the sender's own output rules dropped it: as dropped as a lost datagram
    except ConnectionRefusedError:
        return "refused"
    finally:
        s.close()


def many(timeout, specs):
    import threading
    results = [None] * len(specs)

    def run(i, spec):
        proto, host, port = spec.split(",")
        results[i] = probe(proto, host, int(port), timeout, 0)

    threads = [threading.Thread(target=run, args=(i, spec)) for i, spec in enumerate(specs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("\n".join(results))


def probe_batch(timeout, specs):
    """Every probe in flight at once on non-blocking sockets: the batch costs one timeout, not one per probe.

    TCP is open once the handshake completes, refused on a reset; UDP sockets are connected, so an ICMP port
    unreachable comes back as refused. A packet dropped by the sender's own output rules fails the send with
    EPERM: dropped, like a packet lost further on.
    """
    results = ["timeout"] * len(specs)
    selector = selectors.DefaultSelector()
    sockets = []
    for i, spec in enumerate(specs):
        proto, host, port = spec.split(",")
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        s = socket.socket(family, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
        s.setblocking(False)
        sockets.append(s)
        if proto == "tcp":
            code = s.connect_ex((host, int(port)))
            if code in (0, errno.EINPROGRESS):
                selector.register(s, selectors.EVENT_WRITE, (i, proto))
            elif code == errno.ECONNREFUSED:
                results[i] = "refused"
            elif code != errno.EPERM:
                results[i] = "error " + errno.errorcode.get(code, str(code))
            continue
        try:
            s.connect((host, int(port)))
            s.send(b"palisade")
            selector.register(s, selectors.EVENT_READ, (i, proto))
        except PermissionError:
            pass
        except ConnectionRefusedError:
            results[i] = "refused"
    deadline = time.monotonic() + timeout
    pending = len(selector.get_map())
    while pending:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        for key, _ in selector.select(remaining):
            i, proto = key.data
            s = key.fileobj
            if proto == "tcp":
                code = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                results[i] = "open" if code == 0 else "refused" if code == errno.ECONNREFUSED else (
                    "error " + errno.errorcode.get(code, str(code)))
            else:
                try:
                    s.recv(2048)
                    results[i] = "open"
                except ConnectionRefusedError:
                    results[i] = "refused"
            selector.unregister(s)
            pending -= 1
    selector.close()
    for s in sockets:
        s.close()
    return results


def batch():
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if words == ["flush"]:
            subprocess.run(["conntrack", "-F"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            print("flushed", flush=True)
        else:
            print(" ".join(probe_batch(float(words[0]), words[1:])), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "batch":
        batch()
    elif sys.argv[1] == "many":
        many(float(sys.argv[2]), sys.argv[3:])
    elif sys.argv[1] == "serve":
        serve(sys.argv[2:])
    else:
        sport = int(sys.argv[6]) if len(sys.argv) > 6 else 0
        print(probe(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sport))
