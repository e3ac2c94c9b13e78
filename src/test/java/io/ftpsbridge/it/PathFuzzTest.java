package io.ftpsbridge.it;

import io.ftpsbridge.datachannel.PassivePortPool;
import io.ftpsbridge.it.RawFtpsClient.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static io.ftpsbridge.it.FtpsClients.EXPLICIT_PORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile paths (dot-dot chains, percent-encoded and backslashed separators, control characters, names of 4 KiB,
 * 300-level and 600-level paths, absolute paths, lines over the limit) sent to every command that takes a path,
 * over real control and data connections. Every reply must be a proper final reply, nothing may be read from or
 * written to S3 outside alice's home {@code alice/} (checked in the bucket itself, with canary objects of other
 * owners planted beside it), no passive port may stay reserved, nothing may be logged as a warning, and the
 * session must keep working.
 */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PathFuzzTest {

    private static final String HOME = "alice/";
    private static final String CANARY_NAME = "pathfuzz-canary.txt";
    private static final byte[] CANARY = "CANARY-7f3a: outside alice's home, never to be read or changed"
            .getBytes(StandardCharsets.UTF_8);
    /** Objects of others: carol's home, a sibling prefix that starts like alice's, and the bucket's top level. */
    private static final List<String> CANARY_KEYS = List.of("carol/" + CANARY_NAME, "alice-sibling/" + CANARY_NAME,
            CANARY_NAME);
    private static final String CANARY_SHA256 = sha256(CANARY);
    private static final byte[] FUZZ_CONTENT = "written by PathFuzzTest".getBytes(StandardCharsets.UTF_8);
    /** Longest command line the bridge reads, CRLF included (bridge.ftp.max-line-length). */
    private static final int MAX_LINE = 4096;

    /** Warnings and errors logged while the test runs: a refused path must never produce one. */
    private static final List<LogRecord> WARNINGS = new CopyOnWriteArrayList<>();
    private static final Handler WARNING_WATCH = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                WARNINGS.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** What a hostile path must get, whatever the command. */
    enum Expect {
        /** Refused at once with 553: a control character, or a key S3 would refuse (over 1024 bytes). */
        REFUSED,
        /** Aimed at another owner's canary; resolves inside the home, where (before the write phase) nothing is. */
        CANARY,
        /** Aimed at another owner's directory: as CANARY, but named only to commands that take directories. */
        CANARY_DIRECTORY,
        /** Legal once normalised: any proper reply, but inside the home. */
        INSIDE
    }

    record Hostile(String path, Expect expect) {
        @Override
        public String toString() {
            return shown(path);
        }
    }

    static List<Hostile> hostilePaths() {
        List<Hostile> paths = new ArrayList<>();
        String target = "carol/" + CANARY_NAME;
        String back = target.replace('/', '\\');
        String encoded = target.replace("/", "%2f");
        for (String path : new String[]{"../" + target, "../../../../" + target, "/../" + target, "..\\" + back,
            "\\..\\..\\" + back, "%2e%2e/" + target, "%2e%2e%2f" + encoded, "..%2f" + encoded, "..%5c" + back,
            "%252e%252e%252f" + encoded, "....//" + target, ".../" + target, "..;/" + target, "a/b/../../../" + target,
            "./.././" + target.replace("/", "/./"), "../".repeat(300) + target, "a/../".repeat(300) + "../" + target,
            "\u2025/" + target, "\uff0e\uff0e/" + target, "~carol/" + CANARY_NAME, "~/../" + target, "//" + target,
            "C:\\..\\..\\" + back, "s3://bridge-test/" + target, "../../bridge-test/" + target, "../ /" + target,
            ".. /" + target, "../alice-sibling/" + CANARY_NAME, "..\\..\\alice-sibling\\" + CANARY_NAME,
            "../" + CANARY_NAME, "/../../" + CANARY_NAME}) {
            paths.add(new Hostile(path, Expect.CANARY));
        }
        for (String path : new String[]{"../carol", "../../carol/", "..\\alice-sibling", "%2e%2e/carol"}) {
            paths.add(new Hostile(path, Expect.CANARY_DIRECTORY));
        }
        for (String path : new String[]{"/", "//", "/./", "..", "../../..", "\\", ".....", "d/".repeat(300),
            "a/../".repeat(300), "é/".repeat(200) + "ü"}) {
            paths.add(new Hostile(path, Expect.INSIDE));
        }
        // Control characters: NUL, 0x01-0x1f (LF ends the line, so it cannot be inside one) and DEL.
        for (int c = 0; c < 0x20; c++) {
            if (c != '\n') {
                paths.add(new Hostile("ctl" + (char) c + "name", Expect.REFUSED));
            }
        }
        paths.add(new Hostile("del\u007fname", Expect.REFUSED));
        paths.add(new Hostile("x\u0000/../" + target, Expect.REFUSED));
        paths.add(new Hostile(target + "\u0000.jpg", Expect.REFUSED));
        paths.add(new Hostile("\u0000", Expect.REFUSED));
        // Keys over S3's 1024 bytes: names of 4 KiB, a path of 600 levels.
        paths.add(new Hostile("x".repeat(4000), Expect.REFUSED));
        paths.add(new Hostile("é".repeat(2000), Expect.REFUSED));
        paths.add(new Hostile("y/".repeat(100) + "z".repeat(3000), Expect.REFUSED));
        paths.add(new Hostile("d/".repeat(600), Expect.REFUSED));
        paths.add(new Hostile("../".repeat(100) + "q".repeat(1100), Expect.REFUSED));
        return paths;
    }

    /**
     * The paths that name files to write. S3 keeps a key {@code carol} beside keys under {@code carol/}, but S3Proxy's
     * filesystem store cannot hold a file and a directory of one name, so directory names are left out here.
     */
    static List<Hostile> fileNames() {
        return hostilePaths().stream().filter(h -> h.expect() != Expect.CANARY_DIRECTORY).toList();
    }

    /** Every key outside the home once the canaries are planted: the test may add none. */
    private static Set<String> outsideTheHome;

    @Inject
    PassivePortPool passivePorts;

    @BeforeAll
    static void plantCanaries() {
        Logger.getLogger("").addHandler(WARNING_WATCH);
        try (StoreInspector store = new StoreInspector()) {
            for (String key : CANARY_KEYS) {
                store.put(key, CANARY);
            }
            outsideTheHome = Set.copyOf(store.keys("").stream().filter(k -> !k.startsWith(HOME)).toList());
        }
    }

    @AfterAll
    static void stopWatching() {
        Logger.getLogger("").removeHandler(WARNING_WATCH);
    }

    private static RawFtpsClient alice() throws IOException {
        RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT).login("alice", "alice-secret");
        // A hang shows up as a timeout long before the default 30 s.
        raw.socket().setSoTimeout(10_000);
        return raw;
    }

    record Outcome(Reply reply, byte[] data) {
    }

    /** A transfer command over a real TLS data connection; {@code upload} is sent when the bridge answers 150. */
    private static Outcome transfer(RawFtpsClient raw, String line, byte[] upload) throws IOException {
        try (Socket data = raw.openPassive(true)) {
            Reply first = raw.send(line);
            if (first.code() != 150) {
                return new Outcome(first, new byte[0]);
            }
            byte[] received = new byte[0];
            if (upload != null) {
                OutputStream out = data.getOutputStream();
                out.write(upload);
                out.flush();
            } else {
                received = data.getInputStream().readAllBytes();
            }
            data.close();  // with close_notify, so an upload counts as complete
            return new Outcome(raw.read(), received);
        }
    }

    /**
     * A transfer command whose path must be refused before any transfer starts: after EPSV, without connecting
     * (a TLS handshake per line would only slow the test). Had the bridge accepted the path, it would wait for the
     * data connection and answer 425, which fails the test as well; a passive port it kept would show at the end.
     */
    private static Outcome refusedTransfer(RawFtpsClient raw, String line) throws IOException {
        RawFtpsClient.expect(raw.send("EPSV"), 229);
        return new Outcome(raw.send(line), new byte[0]);
    }

    private static Outcome transfer(RawFtpsClient raw, Hostile hostile, String line, byte[] upload) throws IOException {
        return hostile.expect() == Expect.REFUSED ? refusedTransfer(raw, line) : transfer(raw, line, upload);
    }

    /** A proper final reply: success, RNFR's 350, or a refusal the client can act on; never 4xx, never 451. */
    private static void assertProper(String line, Reply reply) {
        Set<Integer> refusals = Set.of(500, 501, 550, 553);
        assertTrue(reply.code() / 100 == 2 || reply.code() == 350 || refusals.contains(reply.code()),
                shown(line) + " -> " + reply);
    }

    private static void assertExpected(Hostile hostile, String line, Outcome outcome) {
        Reply reply = outcome.reply();
        assertProper(line, reply);
        switch (hostile.expect()) {
            // 501: XCRC-style commands read "path [start [end]]", so a space or tab makes the line malformed.
            case REFUSED -> assertTrue(reply.code() == 553 || reply.code() == 501, shown(line) + " -> " + reply);
            case CANARY, CANARY_DIRECTORY ->
                    assertTrue(Set.of(501, 550, 553).contains(reply.code()), shown(line) + " -> " + reply);
            case INSIDE -> {
            }
        }
        assertNoCanary(line, reply.text().getBytes(StandardCharsets.UTF_8));
        assertNoCanary(line, outcome.data());
    }

    /** Neither the canary's content nor its digest may ever reach a client; its name only in a refusal's echo. */
    private static void assertNoCanary(String line, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertFalse(text.contains("CANARY-7f3a"), shown(line) + " revealed a canary: " + text);
        assertFalse(text.contains(CANARY_SHA256), shown(line) + " revealed a canary's digest: " + text);
    }

    /** A line as a message may show it: control characters escaped, long runs cut. */
    private static String shown(String line) {
        String cut = line.length() > 60 ? line.substring(0, 60) + "...(" + line.length() + " chars)" : line;
        return cut.chars().mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c))
                .collect(Collectors.joining());
    }

    private static void assertSessionWorks(RawFtpsClient raw) throws IOException {
        assertEquals(200, raw.send("NOOP").code());
        assertEquals(250, raw.send("CWD /").code());
        assertEquals("257 \"/\" is the current directory", raw.send("PWD").toString());
    }

    /**
     * Read-only commands first, while nothing inside the home carries a canary's name: every path aimed at a canary
     * is refused, and no listing shows a canary's name.
     */
    @Test
    @Order(1)
    void readingCommandsNeverReachOutsideTheHome() throws Exception {
        List<Hostile> paths = hostilePaths();
        Map<String, Integer> answered = new HashMap<>();
        try (RawFtpsClient raw = alice()) {
            for (String verb : new String[]{"CWD", "SIZE", "MDTM", "MLST", "STAT", "HASH", "XSHA256", "RNFR"}) {
                for (Hostile hostile : paths) {
                    String line = verb + " " + hostile.path();
                    Reply reply = raw.send(line);
                    assertExpected(hostile, line, new Outcome(reply, new byte[0]));
                    answered.merge(verb + " " + reply.code(), 1, Integer::sum);
                    if (verb.equals("CWD") && reply.code() == 250) {
                        assertEquals(250, raw.send("CWD /").code());
                    }
                }
                assertSessionWorks(raw);
            }
            for (String verb : new String[]{"RETR", "LIST", "NLST", "MLSD"}) {
                for (Hostile hostile : paths) {
                    String line = verb + " " + hostile.path();
                    Outcome outcome = transfer(raw, hostile, line, null);
                    assertExpected(hostile, line, outcome);
                    answered.merge(verb + " " + outcome.reply().code(), 1, Integer::sum);
                    if (verb.equals("RETR") && outcome.reply().code() == 226) {
                        fail(shown(line) + " read a file that the test never wrote");
                    }
                    // Listings carry names only, never the path asked for: a canary's name is another's directory.
                    assertFalse(new String(outcome.data(), StandardCharsets.UTF_8).contains(CANARY_NAME),
                            shown(line) + " listed a canary");
                }
                assertSessionWorks(raw);
            }
        }
        System.out.println("PATHFUZZ read phase, " + paths.size() + " paths per verb: " + new TreeMap<>(answered));
        assertPortsReleasedAndNoWarnings();
        assertCanariesIntact();
    }

    /**
     * Then the commands that write, in an order that never needs a file and a directory of one name: renames (each
     * moved back), uploads, deletes, directories made and removed. Whatever they create lies under the home.
     */
    @Test
    @Order(2)
    void writingCommandsStayInsideTheHome() throws Exception {
        Map<String, Integer> answered = new HashMap<>();
        try (StoreInspector store = new StoreInspector(); RawFtpsClient raw = alice()) {
            Set<String> before = Set.copyOf(store.keys(""));
            assertEquals(226, transfer(raw, "STOR /rename-source", FUZZ_CONTENT).reply().code());
            for (Hostile hostile : fileNames()) {
                // A server-side copy and delete: the copy must land inside, and moving it back must work.
                assertEquals(350, raw.send("RNFR /rename-source").code());
                String line = "RNTO " + hostile.path();
                Reply reply = raw.send(line);
                assertWritten(hostile, line, reply, answered);
                if (reply.code() == 250) {
                    assertCanariesIntact();
                    assertEquals(350, raw.send("RNFR " + hostile.path()).code(), shown(line));
                    assertEquals(250, raw.send("RNTO /rename-source").code(), shown(line));
                }
            }
            assertSessionWorks(raw);
            for (String verb : new String[]{"STOR", "APPE", "STOU"}) {
                for (Hostile hostile : fileNames()) {
                    String line = verb + " " + hostile.path();
                    assertWritten(hostile, line, transfer(raw, hostile, line, FUZZ_CONTENT).reply(), answered);
                }
                assertSessionWorks(raw);
            }
            List<String> created = store.keys("").stream().filter(k -> !before.contains(k)).toList();
            // S3Proxy's filesystem store also lists every directory on its disk as a key.
            assertTrue(created.size() > 20, "the uploads created only " + created);
            for (String key : created) {
                assertTrue(key.startsWith(HOME), "created outside the home: " + shown(key));
                assertTrue(key.chars().noneMatch(c -> c < 0x20 || c == 0x7f), "a control character in " + shown(key));
            }
            assertCanariesIntact();
            for (String verb : new String[]{"DELE", "MKD", "RMD"}) {
                for (Hostile hostile : hostilePaths()) {
                    String line = verb + " " + hostile.path();
                    assertWritten(hostile, line, raw.send(line), answered);
                }
                assertSessionWorks(raw);
            }
            System.out.println("PATHFUZZ write phase, " + hostilePaths().size() + " paths, " + created.size()
                    + " new keys after the uploads, all under " + HOME + ": " + new TreeMap<>(answered));
        }
        assertPortsReleasedAndNoWarnings();
        assertCanariesIntact();
    }

    private static void assertWritten(Hostile hostile, String line, Reply reply, Map<String, Integer> answered) {
        assertProper(line, reply);
        if (hostile.expect() == Expect.REFUSED) {
            assertEquals(553, reply.code(), shown(line) + " -> " + reply);
        }
        assertNoCanary(line, reply.text().getBytes(StandardCharsets.UTF_8));
        answered.merge(line.substring(0, 4) + " " + reply.code(), 1, Integer::sum);
    }

    /** Around the limits: the longest line read, the longest key S3 takes, and lines past the limit. */
    @Test
    @Order(3)
    void keyAndLineLimitsAreAnsweredInWords() throws Exception {
        try (StoreInspector store = new StoreInspector(); RawFtpsClient raw = alice()) {
            // Segments of at most 200 bytes: S3Proxy's filesystem store cannot hold a longer file name.
            String longest = segmented(1024 - HOME.length());
            Outcome stored = transfer(raw, "STOR " + longest, FUZZ_CONTENT);
            assertEquals(226, stored.reply().code(), stored.reply().toString());
            assertArrayEquals(FUZZ_CONTENT, store.get(HOME + longest).orElseThrow());
            assertEquals(213, raw.send("SIZE " + longest).code());
            assertEquals(250, raw.send("DELE " + longest).code());

            String tooLong = segmented(1025 - HOME.length());
            Outcome refused = transfer(raw, "STOR " + tooLong, FUZZ_CONTENT);
            assertEquals(553, refused.reply().code(), refused.reply().toString());
            assertTrue(refused.reply().text().contains("1024 bytes"), refused.reply().toString());
            // A directory's marker is its path and a slash: the longest file name is one byte too long for MKD.
            Reply mkd = raw.send("MKD " + longest);
            assertEquals(553, mkd.code(), mkd.toString());

            // A line of exactly the limit is read (and its key refused); one byte more is not read at all.
            String atLimit = "STOR " + "w".repeat(MAX_LINE - "STOR ".length() - 2);
            assertEquals(553, raw.send(atLimit).code());
            for (String verb : new String[]{"CWD", "MKD", "RMD", "STOR", "RETR", "DELE", "RNFR", "RNTO", "SIZE", "MDTM",
                "LIST", "NLST", "MLSD", "MLST", "STAT", "APPE", "HASH"}) {
                Reply reply = raw.send(verb + " " + "w".repeat(MAX_LINE - verb.length() - 2));
                assertEquals(500, reply.code(), verb + " over the limit -> " + reply);
                assertTrue(reply.text().contains("too long"), reply.toString());
            }
            assertSessionWorks(raw);
            Outcome after = transfer(raw, "STOR after-fuzz.txt", FUZZ_CONTENT);
            assertEquals(226, after.reply().code(), after.reply().toString());
            Outcome back = transfer(raw, "RETR after-fuzz.txt", null);
            assertEquals(226, back.reply().code());
            assertArrayEquals(FUZZ_CONTENT, back.data());
            assertEquals(0, store.openMultipartUploads(""));
        }
        assertPortsReleasedAndNoWarnings();
        assertCanariesIntact();
    }

    /** A path of exactly {@code bytes} bytes, in segments of at most 200. */
    private static String segmented(int bytes) {
        StringBuilder path = new StringBuilder();
        while (path.length() < bytes) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append("s".repeat(Math.min(200, bytes - path.length())));
        }
        return path.toString();
    }

    private void assertPortsReleasedAndNoWarnings() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (passivePorts.inUse() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, passivePorts.inUse(), "passive ports still reserved after every session closed");
        assertTrue(WARNINGS.isEmpty(), WARNINGS.size() + " warnings logged, the first: " + (WARNINGS.isEmpty() ? ""
                : WARNINGS.get(0).getLoggerName() + ": " + WARNINGS.get(0).getMessage() + " " + WARNINGS.get(0).getThrown()));
    }

    private static void assertCanariesIntact() {
        try (StoreInspector store = new StoreInspector()) {
            for (String key : CANARY_KEYS) {
                assertArrayEquals(CANARY, store.get(key).orElseThrow(() -> new AssertionError(key + " is gone")), key);
            }
            assertEquals(outsideTheHome, Set.copyOf(store.keys("").stream().filter(k -> !k.startsWith(HOME)).toList()),
                    "keys outside the home");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
