#!/usr/bin/env python3
"""FTPS client side of the benchmark, standard library only.

  greeting  --port P --since-ns T [--pid PID] [--timeout S]
      Polls 127.0.0.1:P (connect, read one line) until a "220" greeting arrives; prints the milliseconds since
      T (a time.time_ns()/`date +%s%N` stamp taken just before the JVM was launched). Fails if PID dies.
  stor-many --port P --user U --password PW --prefix NAME --count N --size BYTES [--stock]
      One explicit-FTPS session (AUTH TLS, PROT P), N STOR of BYTES random bytes each; prints
      "<elapsed-ns> <bytes>" timed from connect to QUIT. The payloads are made before the clock starts. Each data
      connection is closed as curl closes it; with --stock, ftplib's own storbinary() sends each file as a stock
      script does (TYPE I before every STOR, and it waits for the server's close_notify).
  sessions  --port P --user U --password PW --prefix NAME --count N --size BYTES [--sources K]
      N sessions at once, one thread each: connect, login (AUTH TLS, PROT P), STOR BYTES, RETR them back, QUIT.
      Prints "<elapsed-ns> <bytes moved> <failed sessions>", timed from the common start to the last session's
      end; a session fails on any error or on bytes that come back wrong. Session i connects from
      127.0.0.(1 + i % K), so K addresses share the load under the bridge's per-address connection cap.
  idle      --port P --user U --password PW --count N [--openers T] [--max-seconds S]
      Opens N logged-in sessions (AUTH TLS, PROT P, TYPE I) with T threads and keeps them open, silent. Prints
      "opened <sessions open> <failed> <elapsed-ns>", then answers one command per stdin line: "noop" (NOOP on
      every open session; prints "alive <sessions that answered 200>") and "quit" (QUIT on each, then exits).
      Stdin closing or S seconds passing closes them all too.
  list      --port P --user U --password PW --path DIR
      One session; LIST DIR. Prints "<first-byte-ns> <total-ns> <bytes> <lines>", timed from sending the
      transfer commands (PASV, LIST) to the first byte of the listing and to the 226 reply (login not included).
"""
import argparse
import ftplib
import io
import os
import socket
import ssl
import sys
import threading
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


def _tls_context():
    # Loopback benchmark against the bridge's self-signed certificate: no verification.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class _ResumingFTP_TLS(ftplib.FTP_TLS):
    """Data connections resume the control connection's TLS session, as the bridge requires by default
    (bridge.tls.session-reuse=required) and as curl, lftp and FileZilla do by themselves."""

    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
        return conn, size


def _login(args, context, source="127.0.0.1", timeout=120):
    """A logged-in explicit-FTPS session with PROT P and binary type, as every scenario starts one."""
    ftp = _ResumingFTP_TLS(context=context, timeout=timeout, source_address=(source, 0))
    ftp.connect("127.0.0.1", args.port)
    ftp.login(args.user, args.password)  # sends AUTH TLS first
    ftp.prot_p()
    ftp.voidcmd("TYPE I")  # once, as a client would; storbinary() would repeat it before every STOR
    return ftp


def stor_many(args):
    payloads = [os.urandom(args.size) for _ in range(args.count)]
    context = _tls_context()
    start = time.perf_counter_ns()
    ftp = _login(args, context)
    for i, payload in enumerate(payloads):
        name = f"{args.prefix}{i:05d}.bin"
        if args.stock:
            reply = ftp.storbinary(f"STOR {name}", io.BytesIO(payload))
            if not reply.startswith("226"):
                raise ftplib.error_reply(f"STOR {name}: {reply}")
        else:
            _stor(ftp, name, payload)
    ftp.quit()
    elapsed = time.perf_counter_ns() - start
    print(f"{elapsed} {args.count * args.size}")


def _stor(ftp, name, *chunks):
    conn = ftp.transfercmd(f"STOR {name}")
    for chunk in chunks:
        conn.sendall(chunk)
    _close_like_curl(conn)
    reply = ftp.voidresp()
    if not reply.startswith("226"):
        raise ftplib.error_reply(f"STOR {name}: {reply}")


def sessions(args):
    """Every session uploads its own bytes and reads them back: a shared random body after a per-session header,
    so that no payload is copied per session and a mix-up between sessions still shows."""
    header_size = 64
    body = os.urandom(args.size - header_size)
    context = _tls_context()
    failures = []
    moved = [0] * args.count
    start_line = threading.Barrier(args.count + 1)

    def one(i):
        header = f"session {i:05d} of {args.prefix}".encode().ljust(header_size, b".")
        name = f"{args.prefix}{i:05d}.bin"
        step = "start"
        try:
            start_line.wait()
            step = "login"
            ftp = _login(args, context, source=f"127.0.0.{1 + i % args.sources}")
            step = "STOR"
            _stor(ftp, name, header, body)
            moved[i] += args.size
            step = "RETR"
            conn = ftp.transfercmd(f"RETR {name}")
            received, first = _drain(conn, header_size)
            ftp.voidresp()
            if received != args.size or first != header:
                raise ValueError(f"{received} bytes starting {first[:20]!r}, expected {args.size}")
            moved[i] += received
            step = "QUIT"
            ftp.quit()
        except (OSError, EOFError, ftplib.Error, ValueError, threading.BrokenBarrierError) as e:
            failures.append(f"session {i} at {step}, {time.perf_counter_ns() - start} ns after the start: {e!r}")

    threading.stack_size(512 * 1024)
    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(args.count)]
    for t in threads:
        t.start()
    start = time.perf_counter_ns()
    start_line.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter_ns() - start
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{elapsed} {sum(moved)} {len(failures)}")


def _drain(conn, keep):
    """Reads a data connection to its end; returns the byte count and its first `keep` bytes."""
    buffer = bytearray(256 * 1024)
    view = memoryview(buffer)
    first = b""
    total = 0
    while (n := conn.recv_into(view)) > 0:
        if len(first) < keep:
            first += bytes(view[:min(n, keep - len(first))])
        total += n
    _close_like_curl(conn)
    return total, first


def idle(args):
    """Logged-in sessions that say nothing: what an idle client costs the bridge."""
    context = _tls_context()
    opened = [None] * args.count
    failures = []
    next_index = iter(range(args.count))
    lock = threading.Lock()

    def opener():
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                return
            try:
                opened[i] = _login(args, context)
            except (OSError, EOFError, ftplib.Error) as e:
                failures.append(f"session {i}: {e!r}")

    start = time.perf_counter_ns()
    threads = [threading.Thread(target=opener, daemon=True) for _ in range(args.openers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter_ns() - start
    sessions_open = [ftp for ftp in opened if ftp is not None]
    for failure in failures[:5]:
        print(failure, file=sys.stderr)
    print(f"opened {len(sessions_open)} {len(failures)} {elapsed}", flush=True)

    # Commands from stdin, with a deadline so that the sessions end even if nobody says "quit".
    deadline = threading.Timer(args.max_seconds, lambda: os._exit(3))
    deadline.daemon = True
    deadline.start()
    for line in sys.stdin:
        command = line.strip()
        if command == "noop":
            alive = 0
            for ftp in sessions_open:
                try:
                    alive += ftp.sendcmd("NOOP").startswith("200")
                except (OSError, EOFError, ftplib.Error):
                    pass
            print(f"alive {alive}", flush=True)
        elif command == "quit":
            break
    for ftp in sessions_open:
        try:
            ftp.quit()
        except (OSError, EOFError, ftplib.Error):
            ftp.close()


def list_dir(args):
    ftp = _login(args, _tls_context(), timeout=600)
    start = time.perf_counter_ns()
    conn = ftp.transfercmd(f"LIST {args.path}")
    buffer = bytearray(256 * 1024)
    first_byte = None
    total = 0
    lines = 0
    while (n := conn.recv_into(buffer)) > 0:
        if first_byte is None:
            first_byte = time.perf_counter_ns() - start
        total += n
        lines += buffer.count(b"\n", 0, n)
    _close_like_curl(conn)
    reply = ftp.voidresp()
    elapsed = time.perf_counter_ns() - start
    if not reply.startswith("226"):
        sys.exit(f"LIST {args.path}: {reply}")
    ftp.quit()
    print(f"{first_byte if first_byte is not None else elapsed} {elapsed} {total} {lines}")


def _close_like_curl(conn):
    """Sends TLS close_notify and closes without waiting for the server's close_notify, as curl does.

    storbinary() instead calls unwrap(), which waits for the server's close_notify; `stor-many --stock` times that.
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
    login = argparse.ArgumentParser(add_help=False)
    login.add_argument("--port", type=int, required=True)
    login.add_argument("--user", required=True)
    login.add_argument("--password", required=True)
    s = sub.add_parser("stor-many", parents=[login])
    s.add_argument("--prefix", required=True)
    s.add_argument("--count", type=int, required=True)
    s.add_argument("--size", type=int, required=True)
    s.add_argument("--stock", action="store_true")
    c = sub.add_parser("sessions", parents=[login])
    c.add_argument("--prefix", required=True)
    c.add_argument("--count", type=int, required=True)
    c.add_argument("--size", type=int, required=True)
    c.add_argument("--sources", type=int, default=1)
    i = sub.add_parser("idle", parents=[login])
    i.add_argument("--count", type=int, required=True)
    i.add_argument("--openers", type=int, default=16)
    i.add_argument("--max-seconds", type=float, default=1800)
    ls = sub.add_parser("list", parents=[login])
    ls.add_argument("--path", required=True)
    args = parser.parse_args()
    {"greeting": greeting, "stor-many": stor_many, "sessions": sessions, "idle": idle, "list": list_dir}[args.command](args)


if __name__ == "__main__":
    main()
