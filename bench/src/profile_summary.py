#!/usr/bin/env python3
"""Where the bridge's CPU went, per profiled scenario, from async-profiler's collapsed stacks (one line per
distinct stack: frames from the thread's root to the leaf, separated by ';', then the sample count). Each sample
counts under the group of the innermost frame that belongs to one; samples with none count as "other".

  profile_summary.py SCENARIO.collapsed...
"""
import collections
import sys

# Matched against each frame from the leaf outwards; the first group with a matching substring wins.
GROUPS = [
    ("MD5 of the data (Content-MD5)", ("md5_implCompress", "sun/security/provider/MD5")),
    ("SHA-256 (x-amz-meta-sha256, SigV4 payload hash)", ("sha256_implCompress", "sun/security/provider/SHA2")),
    ("AES-GCM (TLS record encryption)", ("ghash_", "counterMode_AESCrypt", "aescrypt", "com/sun/crypto/provider")),
    ("TLS records (JDK SSLEngine, Netty SslHandler)", ("sun/security/ssl", "io/netty/handler/ssl")),
    ("socket system calls", ("__GI_read", "__GI_write", "writev", "readv", "epoll_wait", "__libc_recv",
                             "__libc_send", "sun/nio/ch/SocketDispatcher", "sun/nio/ch/IOUtil")),
    ("memory copies", ("arraycopy", "memmove", "memcpy", "copyMemory", "Copy::")),
    ("JIT compiler threads", ("CompileBroker", "C2Compiler", "Compile::", "PhaseChaitin", "PhaseIdealLoop",
                              "PhaseLive", "Parse::", "PhaseIterGVN", "Matcher::", "Compilation::")),
    ("garbage collection", ("G1", "GCTask", "WorkerThread")),
    ("bcrypt", ("at/favre/lib",)),
    ("AWS SDK request/response pipeline", ("software/amazon/awssdk",)),
    ("bridge code", ("io/ftpsbridge",)),
    ("Netty/Vert.x I/O", ("io/netty", "io/vertx")),
]


def group(frames):
    for frame in reversed(frames):
        for name, parts in GROUPS:
            if any(part in frame for part in parts):
                return name
    return "other"


def summarise(path):
    counts = collections.Counter()
    for line in open(path):
        stack, _, n = line.rstrip("\n").rpartition(" ")
        if stack:
            counts[group(stack.split(";"))] += int(n)
    total = sum(counts.values())
    print(f"{path.rsplit('/', 1)[-1]}: {total} samples")
    for name, n in counts.most_common():
        print(f"  {100 * n / total:5.1f}% {name}")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        summarise(path)


if __name__ == "__main__":
    main()
