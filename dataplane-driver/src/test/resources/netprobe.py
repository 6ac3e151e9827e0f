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
"""
import select
import socket
import sys


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


if __name__ == "__main__":
    if sys.argv[1] == "many":
        many(float(sys.argv[2]), sys.argv[3:])
    elif sys.argv[1] == "serve":
        serve(sys.argv[2:])
    else:
        sport = int(sys.argv[6]) if len(sys.argv) > 6 else 0
        print(probe(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sport))
