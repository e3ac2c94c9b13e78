#!/usr/bin/env python3
"""One file through an FTPS server and back with the standard library's ftplib (explicit FTPS, PROT P).

Usage: ftplib_roundtrip.py HOST PORT USER PASSWORD REMOTE_DIR LOCAL_FILE

Creates REMOTE_DIR (MKD), uploads LOCAL_FILE into it under its own name (STOR), downloads it back into memory
(RETR), compares the bytes and checks that NLST lists the name. Prints OK and exits 0 when all of that holds;
prints what went wrong and exits 1 otherwise (2 for wrong arguments). The FTP dialogue is printed as it goes
(ftplib masks the password) so that a failure shows the command and reply that broke.
"""

import ftplib
import io
import os
import ssl
import sys


class ResumingFTP_TLS(ftplib.FTP_TLS):
    """FTP_TLS whose data connections resume the control connection's TLS session, as servers that bind the
    data channel to its control session (vsftpd's require_ssl_reuse, this bridge) demand; stock ftplib makes a
    full handshake for each one. The resumed session is also the one the next transfer resumes."""

    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
            if not conn.session_reused:
                raise ftplib.error_proto("data connection did not resume the control connection's TLS session")
        return conn, size


def round_trip(host, port, user, password, remote_dir, local_file):
    with open(local_file, "rb") as f:
        data = f.read()
    name = os.path.basename(local_file)

    # The bridge under test has a self-signed certificate: encrypt, but do not verify.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    ftp = ResumingFTP_TLS(context=context, timeout=30)
    ftp.set_debuglevel(1)
    ftp.connect(host, port)
    ftp.auth()
    ftp.login(user, password)
    ftp.prot_p()  # RFC 4217 §9: PBSZ 0 + PROT P, so the data connections are TLS too
    ftp.mkd(remote_dir)
    ftp.cwd(remote_dir)
    with open(local_file, "rb") as f:
        ftp.storbinary("STOR " + name, f)

    received = io.BytesIO()
    ftp.retrbinary("RETR " + name, received.write)
    if received.getvalue() != data:
        return "downloaded %d bytes differ from the %d bytes uploaded" % (len(received.getvalue()), len(data))

    listed = [os.path.basename(entry) for entry in ftp.nlst()]
    if name not in listed:
        return "NLST does not list %r: %r" % (name, listed)
    ftp.quit()
    return None


def main(argv):
    if len(argv) != 7:
        print("usage: %s HOST PORT USER PASSWORD REMOTE_DIR LOCAL_FILE" % argv[0], file=sys.stderr)
        return 2
    host, port, user, password, remote_dir, local_file = argv[1:]
    try:
        problem = round_trip(host, int(port), user, password, remote_dir, local_file)
    except (ftplib.all_errors + (ValueError,)) as e:
        problem = "%s: %s" % (type(e).__name__, e)
    if problem is not None:
        print("FAILED: " + problem, flush=True)
        return 1
    print("OK", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
