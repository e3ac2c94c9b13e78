package io.ftpsbridge.it;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bridge driven by the FTPS clients people actually run: curl, lftp and Python's ftplib, each as a separate
 * process, with every byte checked in S3. A missing client skips its test on a developer machine; under CI (or
 * {@code BRIDGE_REQUIRE_CLIENTS=1}) it fails, so a broken install cannot pass as a green run.
 */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
class CommandLineClientsTest {

    private static final String HOST = "127.0.0.1";
    private static final String USER = "alice";
    private static final String PASSWORD = "alice-secret";
    /** alice's home in the bucket (application.properties, %test profile). */
    private static final String HOME_PREFIX = "alice/";
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);
    /** The bridge's multipart part size: one file of the mirrored tree is bigger, so it takes several parts. */
    private static final int PART_SIZE = 8 * 1024 * 1024;

    private StoreInspector store;
    /**
     * Local files of one test. Made by hand: JUnit's {@code @TempDir} field is filled on an instance that
     * {@code @QuarkusTest} does not run the test on.
     */
    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        store = new StoreInspector();
        work = Files.createTempDirectory("cli-clients-");
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void curlExplicitFtpsUploadsListsAndDownloads() throws Exception {
        Path curl = requireClient("curl");
        String dir = freshDir("curl-explicit");
        byte[] data = random(3 * 1024 * 1024 + 17, 11);
        Path upload = write(work.resolve("upload.bin"), data);
        String base = "ftp://" + HOST + ":" + FtpsClients.EXPLICIT_PORT + "/" + dir + "/";

        assertSucceeded(run(curlCommand(curl, "--ftp-create-dirs", "-T", upload.toString(), base + "payload.bin")),
                "curl upload");
        assertArrayEquals(data, objectBytes(dir + "/payload.bin"), "bytes in S3");

        Path download = work.resolve("download.bin");
        assertSucceeded(run(curlCommand(curl, "-o", download.toString(), base + "payload.bin")), "curl download");
        assertArrayEquals(data, Files.readAllBytes(download), "bytes downloaded by curl");

        // A URL ending in / is a LIST; --list-only makes it an NLST.
        Path listing = work.resolve("list.txt");
        assertSucceeded(run(curlCommand(curl, "-o", listing.toString(), base)), "curl LIST");
        String list = Files.readString(listing, StandardCharsets.UTF_8);
        assertTrue(list.lines().anyMatch(line -> line.endsWith(" payload.bin") && line.contains(" " + data.length + " ")),
                "LIST shows payload.bin with its size:\n" + list);

        Path names = work.resolve("nlst.txt");
        assertSucceeded(run(curlCommand(curl, "--list-only", "-o", names.toString(), base)), "curl NLST");
        assertEquals(List.of("payload.bin"), Files.readString(names, StandardCharsets.UTF_8).lines().toList(),
                "NLST names");
    }

    @Test
    void curlImplicitFtpsRoundTrips() throws Exception {
        Path curl = requireClient("curl");
        String dir = freshDir("curl-implicit");
        byte[] data = random(700_001, 12);
        Path upload = write(work.resolve("upload.bin"), data);
        // ftps:// is implicit FTPS to curl: TLS from the first byte, then PBSZ 0 + PROT P.
        String url = "ftps://" + HOST + ":" + FtpsClients.IMPLICIT_PORT + "/" + dir + "/implicit.bin";

        assertSucceeded(run(curlCommand(curl, "--ftp-create-dirs", "-T", upload.toString(), url)), "curl upload");
        assertArrayEquals(data, objectBytes(dir + "/implicit.bin"), "bytes in S3");

        Path download = work.resolve("download.bin");
        assertSucceeded(run(curlCommand(curl, "-o", download.toString(), url)), "curl download");
        assertArrayEquals(data, Files.readAllBytes(download), "bytes downloaded by curl");
    }

    @Test
    void lftpMirrorsANestedTreeUpAndDown() throws Exception {
        Path lftp = requireClient("lftp");
        String dir = freshDir("lftp-mirror");
        Map<String, byte[]> tree = mirroredTree();
        Path up = work.resolve("up");
        for (Map.Entry<String, byte[]> file : tree.entrySet()) {
            Path path = up.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            write(path, file.getValue());
        }

        // lftp sends SITE CHMOD after each file; the bridge answers 202 (S3 keeps no modes), which lftp accepts.
        assertSucceeded(run(lftpCommand(lftp, "mirror -R --verbose up " + dir)), "lftp mirror -R");
        for (Map.Entry<String, byte[]> file : tree.entrySet()) {
            assertArrayEquals(file.getValue(), objectBytes(dir + "/" + file.getKey()), "bytes in S3 of " + file.getKey());
        }
        List<String> files = store.keys(HOME_PREFIX + dir + "/").stream()
                .filter(key -> !key.endsWith("/"))  // directory markers
                .map(key -> key.substring((HOME_PREFIX + dir + "/").length()))
                .sorted().toList();
        assertEquals(List.copyOf(tree.keySet()), files, "objects under " + dir);
        assertEquals(0, store.openMultipartUploads(HOME_PREFIX + dir), "open multipart uploads");

        assertSucceeded(run(lftpCommand(lftp, "mirror --verbose " + dir + " down")), "lftp mirror");
        Map<String, byte[]> downloaded = readTree(work.resolve("down"));
        assertEquals(tree.keySet(), downloaded.keySet(), "files mirrored down");
        for (Map.Entry<String, byte[]> file : tree.entrySet()) {
            assertArrayEquals(file.getValue(), downloaded.get(file.getKey()), "bytes mirrored down of " + file.getKey());
        }
    }

    @Test
    void pythonFtplibRoundTrips() throws Exception {
        Path python = requireClient("python3");
        String dir = freshDir("ftplib");
        byte[] data = random(1_500_000, 13);
        Path upload = write(work.resolve("ftplib-payload.bin"), data);
        Path script = work.resolve("ftplib_roundtrip.py");
        try (InputStream in = CommandLineClientsTest.class.getResourceAsStream("/clients/ftplib_roundtrip.py")) {
            assertTrue(in != null, "clients/ftplib_roundtrip.py on the test class path");
            Files.copy(in, script);
        }

        Outcome outcome = run(List.of(python.toString(), script.toString(), HOST,
                String.valueOf(FtpsClients.EXPLICIT_PORT), USER, PASSWORD, dir, upload.toString()));
        assertSucceeded(outcome, "ftplib round trip");
        assertTrue(outcome.output().lines().anyMatch("OK"::equals), "script says OK:\n" + outcome.output());
        assertArrayEquals(data, objectBytes(dir + "/ftplib-payload.bin"), "bytes in S3");
    }

    /**
     * About ten files a few directories deep: an empty one, names with spaces and with non-ASCII letters, and one
     * bigger than a multipart part. Sorted by relative path.
     */
    private static Map<String, byte[]> mirroredTree() {
        Map<String, byte[]> tree = new TreeMap<>();
        tree.put("top.txt", "at the top\n".getBytes(StandardCharsets.UTF_8));
        tree.put("empty.dat", new byte[0]);
        tree.put("docs/readme.md", "# docs\n".getBytes(StandardCharsets.UTF_8));
        tree.put("docs/file with spaces.txt", "spaces in the name\n".getBytes(StandardCharsets.UTF_8));
        tree.put("data/2024/01/part-0001.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        tree.put("data/2024/01/part-0002.csv", random(40_000, 21));
        tree.put("data/2024/02/deep/nested/leaf.json", "{\"leaf\":true}\n".getBytes(StandardCharsets.UTF_8));
        tree.put("data/big.bin", random(PART_SIZE + 1024 * 1024 + 123, 22));
        tree.put("bin/tool.bin", random(100_000, 23));
        // Java can only name this file when the JVM's file-name encoding is UTF-8 (a UTF-8 locale); under the
        // POSIX locale it would throw before any client runs, so the tree goes without it there.
        String nonAscii = "docs/données été ß 日本.txt";
        if (fileNamesAreUtf8()) {
            tree.put(nonAscii, "non-ASCII name\n".getBytes(StandardCharsets.UTF_8));
        } else {
            System.err.println("CommandLineClientsTest: JVM file names are not UTF-8 (sun.jnu.encoding="
                    + System.getProperty("sun.jnu.encoding") + "), mirroring without " + nonAscii);
        }
        return tree;
    }

    private static boolean fileNamesAreUtf8() {
        String encoding = System.getProperty("sun.jnu.encoding");
        return encoding != null && Charset.isSupported(encoding)
                && Charset.forName(encoding).equals(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> readTree(Path root) throws IOException {
        assertTrue(Files.isDirectory(root), root + " exists");
        Map<String, byte[]> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(path).toString().replace(File.separatorChar, '/');
                tree.put(relative, Files.readAllBytes(path));
            }
        }
        return tree;
    }

    private List<String> curlCommand(Path curl, String... arguments) {
        List<String> command = new ArrayList<>(List.of(curl.toString(),
                "--disable",  // must come first: no ~/.curlrc
                "--silent", "--show-error",
                "--ssl-reqd",  // AUTH TLS on ftp://, and PROT P for the data connections
                "--insecure",  // self-signed test certificate
                "--user", USER + ":" + PASSWORD,
                "--connect-timeout", "10", "--max-time", "100"));
        command.addAll(Arrays.asList(arguments));
        return command;
    }

    private List<String> lftpCommand(Path lftp, String action) {
        String script = String.join("; ",
                "set cmd:fail-exit yes",
                "set ssl:verify-certificate no",
                "set ftp:ssl-auth TLS",
                "set ftp:ssl-force true",
                "set ftp:ssl-protect-data true",
                "set ftp:passive-mode true",
                "set net:max-retries 1",
                "set net:timeout 20",
                "open -u " + USER + "," + PASSWORD + " -p " + FtpsClients.EXPLICIT_PORT + " ftp://" + HOST,
                action);
        return List.of(lftp.toString(), "--norc", "-c", script);
    }

    private record Outcome(List<String> command, int exitCode, String output) {
    }

    /** Runs a client in the test's directory with a hard timeout; stdout and stderr together in the outcome. */
    private Outcome run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "client-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Clients read and write file names in their locale's charset: make it UTF-8, like the bridge's names.
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail("still running after " + PROCESS_TIMEOUT.toSeconds() + " s, killed: " + command.get(0)
                    + "\n" + readOutput(log));
        }
        return new Outcome(command, process.exitValue(), readOutput(log));
    }

    private static String readOutput(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    private static void assertSucceeded(Outcome outcome, String what) {
        assertEquals(0, outcome.exitCode(), () -> what + " failed (exit " + outcome.exitCode() + "): "
                + String.join(" ", outcome.command()).replace(PASSWORD, "****") + "\n" + outcome.output());
    }

    /**
     * The client's executable on PATH. Missing, it skips the test, unless CI=true or BRIDGE_REQUIRE_CLIENTS=1
     * asks for every client, when it fails it.
     */
    private static Path requireClient(String name) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, name))
                .filter(path -> Files.isRegularFile(path) && Files.isExecutable(path))
                .findFirst();
        if (found.isEmpty()) {
            String missing = name + " is not on PATH";
            if ("true".equals(System.getenv("CI")) || "1".equals(System.getenv("BRIDGE_REQUIRE_CLIENTS"))) {
                fail(missing + ", and CI=true or BRIDGE_REQUIRE_CLIENTS=1 requires every command-line client");
            }
            assumeTrue(false, missing + ": test skipped (install it, or set BRIDGE_REQUIRE_CLIENTS=1 to fail)");
        }
        return found.get();
    }

    private static String freshDir(String test) {
        return "cli-" + test + "-" + System.nanoTime();
    }

    private byte[] objectBytes(String pathInHome) {
        return store.get(HOME_PREFIX + pathInHome)
                .orElseThrow(() -> new AssertionError("no object " + HOME_PREFIX + pathInHome + " in S3"));
    }

    private static Path write(Path path, byte[] data) throws IOException {
        return Files.write(path, data);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
