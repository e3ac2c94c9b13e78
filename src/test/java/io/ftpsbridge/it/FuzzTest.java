package io.ftpsbridge.it;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import static io.ftpsbridge.it.FtpsClients.EXPLICIT_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of generated command lines (verbs from a dictionary with mutated arguments, AUTH/PBSZ/PROT out of
 * order, raw garbage) and transfers cut at random points, from a fixed seed. Afterwards the bridge must serve a
 * normal session, no multipart upload may be left open, and the heap must be back near where it started.
 */
@QuarkusTest
@TestProfile(FuzzTest.ShortDataWait.class)
@WithTestResource(S3ProxyTestResource.class)
class FuzzTest {

    /** Transfer verbs after a fuzzed EPSV wait for a data connection that never comes; keep that wait short. */
    public static class ShortDataWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bridge.ftp.data-connect-timeout", "1S");
        }
    }

    private static final String[] VERBS = {"USER", "PASS", "AUTH", "PBSZ", "PROT", "CWD", "CDUP", "PWD", "MKD", "RMD",
        "DELE", "RNFR", "RNTO", "SIZE", "MDTM", "LIST", "NLST", "MLSD", "MLST", "RETR", "STOR", "APPE", "STOU", "REST",
        "TYPE", "MODE", "STRU", "PASV", "EPSV", "ABOR", "STAT", "HELP", "FEAT", "OPTS", "SITE", "HASH", "XCRC", "NOOP",
        "SYST", "ALLO", "PORT", "EPRT", "HOST", "CCC", "ADAT", "GET"};
    private static final String[] ARGUMENTS = {"", "TLS", "SSL", "P", "C", "0", "-1", "99999999999999999999", "/",
        "..", "../../..", "%2e%2e/%2e%2e", "a\\b\\..\\..\\c", "fuzz/x.bin", "*", "?*?*?*?*?*?*?*?*?*x", "'", "\"\"",
        "ä/ö/ü", "x".repeat(300), "dir/".repeat(300), "UTF8 ON", "MLST type;", "HASH MD5", "CHMOD 777 f", "1,2,3,4,5,6",
        "|2|::1|1|", "/ HTTP/1.1"};

    @Test
    void randomInputLeavesTheBridgeServing() throws Exception {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        Random random = new Random(20261126L);
        int lines = 0;
        int early = 0;
        for (int session = 0; session < 40; session++) {
            int sent = fuzzSession(random, session);
            lines += sent;
            early += sent < 90 ? 1 : 0;
        }
        assertTrue(lines >= 3000, "lines sent: " + lines + ", sessions that ended early: " + early);

        try (RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT).login("alice", "alice-secret");
             StoreInspector store = new StoreInspector()) {
            assertEquals(200, raw.send("NOOP").code());
            assertEquals(257, raw.send("PWD").code());
            // Give cut uploads their moment to abort, then nothing may stay open.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (store.openMultipartUploads("alice/") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(0, store.openMultipartUploads("alice/"));
        }
        System.gc();
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        assertTrue(heapAfter < heapBefore + 96L * 1024 * 1024,
                "heap " + heapBefore / 1_048_576 + " MiB before, " + heapAfter / 1_048_576 + " MiB after");
    }

    /** One session: half of them log in first, so commands reach the storage too; returns the lines sent. */
    private static int fuzzSession(Random random, int n) throws IOException {
        int sent = 0;
        String line = "";
        RawFtpsClient raw = n % 2 == 0 ? RawFtpsClient.explicit(EXPLICIT_PORT).login("alice", "alice-secret")
                : RawFtpsClient.explicit(EXPLICIT_PORT);
        try {
            // Well above the data-connect-timeout of 1 s: a transfer verb after a fuzzed EPSV waits that long for 425.
            raw.socket().setSoTimeout(10_000);
            for (int i = 0; i < 90; i++) {
                int kind = random.nextInt(20);
                if (kind == 0) {
                    byte[] garbage = new byte[1 + random.nextInt(200)];
                    random.nextBytes(garbage);
                    for (int b = 0; b < garbage.length; b++) {
                        if (garbage[b] == '\n') {
                            garbage[b] = ' ';  // one line, so one reply
                        }
                    }
                    raw.sendRaw(garbage);
                    raw.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent++;
                    raw.read();
                    continue;
                }
                if (kind == 1 && n % 2 == 0) {
                    line = "(cut transfer)";
                    cutTransfer(raw, random);
                    sent += 2;
                    continue;
                }
                String verb = VERBS[random.nextInt(VERBS.length)];
                if (verb.equals("AUTH") || verb.equals("PASS")) {
                    // AUTH would switch to TLS under the reader's feet; failed PASSes would get loopback banned.
                    verb = "NOOP";
                }
                line = verb + " " + ARGUMENTS[random.nextInt(ARGUMENTS.length)];
                if (verb.equals("STOR") || verb.equals("RETR") || verb.equals("LIST") || verb.equals("APPE")
                        || verb.equals("STOU") || verb.equals("NLST") || verb.equals("MLSD")) {
                    // Without a data connection these get 425 at once, never a hang.
                    line = verb + " fuzz-" + random.nextInt(5);
                }
                raw.sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                sent++;
                int code = raw.read().code();
                while (code < 200) {
                    code = raw.read().code();
                }
                assertTrue(code >= 100 && code < 600, line + " -> " + code);
                if (code == 421) {
                    System.err.println("FUZZ session " + n + " got 421 after " + line);
                    return sent;
                }
            }
        } catch (IOException closed) {
            // The bridge may hang up on garbage; the next session starts afresh.
            System.err.println("FUZZ session " + n + " ended after " + sent + " lines, the last " + line + ": " + closed);
        } finally {
            raw.close();
        }
        return sent;
    }

    /** A STOR or RETR whose data connection is dropped at a random point. */
    private static void cutTransfer(RawFtpsClient raw, Random random) throws IOException {
        RawFtpsClient.Reply epsv = raw.send("EPSV");
        if (epsv.code() != 229) {
            return;  // logged out or EPSV refused by an earlier fuzzed command: nothing to cut
        }
        int port = Integer.parseInt(epsv.text().replaceAll("\\D+(\\d+)\\D*", "$1"));
        try (Socket data = new Socket()) {
            data.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            boolean upload = random.nextBoolean();
            raw.sendRaw(((upload ? "STOR fuzz-cut-" : "RETR fuzz-") + random.nextInt(3) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (upload) {
                OutputStream out = data.getOutputStream();
                out.write(new byte[random.nextInt(100_000)]);
            } else {
                InputStream in = data.getInputStream();
                data.setSoTimeout(500);
                try {
                    in.read(new byte[random.nextInt(1000) + 1]);
                } catch (IOException ignored) {
                    // no TLS handshake was made, so the bridge may send nothing
                }
            }
            data.setSoLinger(true, 0);
        }
        // 150 then 425/426/451, or 550 at once: read replies until a final one.
        int code;
        do {
            code = raw.read().code();
        } while (code < 200);
    }
}
