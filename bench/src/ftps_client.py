#!/usr/bin/env python3
"""FTPS client side of the benchmark, standard library only.

  greeting  --port P --since-ns T [--pid PID] [--timeout S]
      Polls 127.0.0.1:P (connect, read one line) until a "220" greeting arrives; prints the milliseconds since
      T (a time.time_ns()/`date +%s%N` stamp taken just before the JVM was launched). Fails if PID dies.
  stor-many --port P --user U --password PW --prefix NAME --count N --size BYTES
      One explicit-FTPS session (AUTH TLS, PROT P), N STOR of BYTES random bytes each; prints
      "<elapsed-ns> <bytes>" timed from connect to QUIT. The payloads are made before the clock starts.
"""
import argparse
import ftplib
import os
import socket
import ssl
import sys
import time


def greeting(args):
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if args.pid and not os.path.exists(f"/proc/{args.pid}"):
            sys.exit(f"bridge process {args.pid} exited before greeting")
        try:
            with socket.create_connection(("127.0.0.1", args.port), timeout=1) as sock:
                sock.settimeout(5)
                line = sock.makefile("rb").readline()
                now = time.time_ns()
                if line.startswith(b"220"):
                    print(f"{(now - args.since_ns) / 1e6:.0f}")
                    return
                sys.exit(f"unexpected greeting: {line!r}")
        except (ConnectionRefusedError, socket.timeout, ConnectionResetError):
            time.sleep(0.02)
    sys.exit(f"no 220 greeting on port {args.port} within {args.timeout} s")


def stor_many(args):
    payloads = [os.urandom(args.size) for _ in range(args.count)]
    # Loopback benchmark against the bridge's self-signed certificate: no verification.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    start = time.perf_counter_ns()
    ftp = ftplib.FTP_TLS(context=context, timeout=120)
    ftp.connect("127.0.0.1", args.port)
    ftp.login(args.user, args.password)  # sends AUTH TLS first
    ftp.prot_p()
    ftp.voidcmd("TYPE I")  # once, as a client would; storbinary() would repeat it before every STOR
    for i, payload in enumerate(payloads):
        conn = ftp.transfercmd(f"STOR {args.prefix}{i:05d}.bin")
        conn.sendall(payload)
        _close_like_curl(conn)
        reply = ftp.voidresp()
        if not reply.startswith("226"):
            sys.exit(f"STOR {i}: {reply}")
    ftp.quit()
    elapsed = time.perf_counter_ns() - start
    print(f"{elapsed} {args.count * args.size}")


def _close_like_curl(conn):
    """Sends TLS close_notify and closes without waiting for the server's close_notify, as curl does.

    storbinary() calls unwrap(), which waits for the server's close_notify; under TLS 1.3 the bridge does not
    send one and does not end the upload before the TCP close either, so that wait hangs until the timeout.
    """
    conn.setblocking(False)
    try:
        conn.unwrap()
    except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
        pass  # our close_notify is out; the peer's is not awaited
    conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("greeting")
    g.add_argument("--port", type=int, required=True)
    g.add_argument("--since-ns", type=int, required=True)
    g.add_argument("--pid", type=int)
    g.add_argument("--timeout", type=float, default=120)
    s = sub.add_parser("stor-many")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--user", required=True)
    s.add_argument("--password", required=True)
    s.add_argument("--prefix", required=True)
    s.add_argument("--count", type=int, required=True)
    s.add_argument("--size", type=int, required=True)
    args = parser.parse_args()
    {"greeting": greeting, "stor-many": stor_many}[args.command](args)


if __name__ == "__main__":
    main()
