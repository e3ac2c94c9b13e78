#!/usr/bin/env python3
"""Where the bridge's CPU went, per profiled scenario: JFR execution samples (`jfr print`), each counted under the
innermost frame that belongs to one of the groups below; samples with none of them count as "other".

  profile_summary.py RECORDING.jfr...
"""
import collections
import re
import subprocess
import sys

# First match wins, from the innermost frame outwards; order matters only within one frame.
GROUPS = [
    ("TLS (JDK SSLEngine, AES-GCM)", ("sun.security.ssl.", "com.sun.crypto.provider.", "io.netty.handler.ssl.")),
    ("MD5/SHA-256 of the data", ("sun.security.provider.MD5", "sun.security.provider.SHA", "sun.security.provider.DigestBase")),
    ("bcrypt", ("at.favre.lib.",)),
    ("AWS SDK request/response pipeline", ("software.amazon.awssdk.",)),
    ("bridge code", ("io.ftpsbridge.",)),
    ("Netty/Vert.x I/O", ("io.netty.", "io.vertx.")),
]
FRAME = re.compile(r"^\s+([\w$.<>/]+)\(", re.M)


def summarise(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", path], check=True,
                          capture_output=True, text=True).stdout
    counts = collections.Counter()
    samples = 0
    for event in text.split("jdk.ExecutionSample")[1:]:
        frames = FRAME.findall(event)
        if not frames:
            continue
        samples += 1
        counts[next((name for frame in frames for name, prefixes in GROUPS if frame.startswith(prefixes)), "other")] += 1
    print(f"{path.rsplit('/', 1)[-1]}: {samples} samples")
    for name, n in counts.most_common():
        print(f"  {100 * n / samples:5.1f}% {name}")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        summarise(path)


if __name__ == "__main__":
    main()
