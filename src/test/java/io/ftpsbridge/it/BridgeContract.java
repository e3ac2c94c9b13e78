package io.ftpsbridge.it;

import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the bridge must do for a real FTPS client (Apache Commons Net) against a real S3 endpoint, checked in S3
 * with the SDK. Run against S3Proxy always and against LocalStack where Docker exists.
 */
abstract class BridgeContract {

    protected FTPSClient ftp;
    protected StoreInspector store;
    /** A directory of its own for each test, under alice's home. */
    protected String dir;

    @BeforeEach
    void connect(TestInfo info) throws Exception {
        store = new StoreInspector();
        ftp = FtpsClients.explicit("alice", "alice-secret");
        dir = info.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
        assertTrue(ftp.makeDirectory(dir), ftp.getReplyString());
        assertTrue(ftp.changeWorkingDirectory(dir), ftp.getReplyString());
    }

    @AfterEach
    void disconnect() {
        FtpsClients.close(ftp);
        store.close();
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private byte[] download(String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile(name, out), ftp.getReplyString());
        return out.toByteArray();
    }

    private void roundTrip(String name, byte[] data) throws Exception {
        assertTrue(ftp.storeFile(name, new ByteArrayInputStream(data)), ftp.getReplyString());
        assertArrayEquals(data, store.get("alice/" + dir + "/" + name).orElseThrow(), "bytes in S3");
        assertArrayEquals(data, download(name), "bytes downloaded");
    }

    @Test
    void smallFileRoundTripsByteExact() throws Exception {
        roundTrip("small.bin", random(10_000, 1));
    }

    @Test
    void activeModeRoundTripsOverResumedTls() throws Exception {
        // The test profile turns active mode on; the bridge dials the client, which stays the TLS client.
        ftp.enterLocalActiveMode();
        ftp.setActiveExternalIPAddress("127.0.0.1");
        roundTrip("active.bin", random(3 * 1024 * 1024 + 7, 11));
        assertTrue(ftp.listNames().length > 0, ftp.getReplyString());
        assertEquals(0, store.openMultipartUploads("alice/" + dir));
    }

    @Test
    void activeModeDialsOnlyTheClientsOwnAddressAndUnprivilegedPorts() throws Exception {
        // Well-formed, but not served: 504 (RFC 2577 §3 suggests it for ports below 1024).
        assertEquals(504, ftp.sendCommand("PORT 10,0,0,1,200,1"), "another host (RFC 2577 bounce)");
        assertEquals(504, ftp.sendCommand("PORT 127,0,0,1,0,80"), "a port below 1024");
        assertEquals(504, ftp.sendCommand("EPRT |1|10.0.0.1|51000|"));
        assertEquals(504, ftp.sendCommand("EPRT |1|127.0.0.1|21|"));
        assertEquals(522, ftp.sendCommand("EPRT |2|::1|51000|"), "IPv6 from an IPv4 control connection (RFC 2428)");
        assertTrue(ftp.getReplyString().contains("use (1)"), ftp.getReplyString());
        assertEquals(522, ftp.sendCommand("EPRT |3|127.0.0.1|51000|"), "unknown address family (RFC 2428)");
        assertEquals(501, ftp.sendCommand("EPRT |x|127.0.0.1|51000|"));
        assertEquals(501, ftp.sendCommand("PORT 127,0,0,1,300,1"));
        assertEquals(200, ftp.sendCommand("EPRT |1|127.0.0.1|51000|"));
        assertEquals(200, ftp.sendCommand("PORT 127,0,0,1,200,1"));
    }

    @Test
    void emptyFileRoundTrips() throws Exception {
        roundTrip("empty.txt", new byte[0]);
    }

    @Test
    void largeFileUsesMultipartAndRoundTripsByteExact() throws Exception {
        roundTrip("large.bin", random(64 * 1024 * 1024, 3));
        assertEquals(0, store.openMultipartUploads("alice/" + dir));
    }

    @Test
    void overwriteReplacesTheObject() throws Exception {
        roundTrip("twice.txt", "first version".getBytes(StandardCharsets.UTF_8));
        roundTrip("twice.txt", "second".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void directoriesAreMarkersAndPrefixes() throws Exception {
        assertTrue(ftp.makeDirectory("sub"), ftp.getReplyString());
        assertEquals(257, ftp.getReplyCode());
        assertTrue(store.exists("alice/" + dir + "/sub/"), "marker object");
        assertFalse(ftp.makeDirectory("sub"), "MKD of an existing directory");
        assertEquals(550, ftp.getReplyCode());
        assertTrue(ftp.changeWorkingDirectory("sub"));
        assertEquals("/" + dir + "/sub", ftp.printWorkingDirectory());
        assertTrue(ftp.storeFile("inside.txt", new ByteArrayInputStream(new byte[]{1, 2, 3})));
        assertTrue(ftp.changeToParentDirectory());
        assertEquals("/" + dir, ftp.printWorkingDirectory());
        assertFalse(ftp.removeDirectory("sub"), "RMD of a non-empty directory");
        assertEquals(550, ftp.getReplyCode());
        assertTrue(ftp.deleteFile("sub/inside.txt"));
        assertTrue(ftp.removeDirectory("sub"), ftp.getReplyString());
        assertFalse(store.exists("alice/" + dir + "/sub/"));
        assertFalse(ftp.changeWorkingDirectory("sub"));
        assertEquals(550, ftp.getReplyCode());
    }

    @Test
    void keysWrittenByOtherSystemsShowAsDirectories() throws Exception {
        store.put("alice/" + dir + "/from-elsewhere/deep/file.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(ftp.changeWorkingDirectory("from-elsewhere/deep"), ftp.getReplyString());
        FTPFile[] files = ftp.listFiles();
        assertEquals(1, files.length);
        assertEquals("file.csv", files[0].getName());
        assertEquals(4, files[0].getSize());
    }

    @Test
    void listingsOf2500KeysPageThroughS3() throws Exception {
        int count = 2500;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = String.format("alice/%s/many/file-%05d.txt", dir, i);
            puts.add(pool.submit(() -> store.put(key, new byte[]{42})));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        pool.shutdown();
        assertTrue(ftp.changeWorkingDirectory("many"));
        FTPFile[] list = ftp.listFiles();
        assertEquals(count, list.length, "LIST");
        String[] names = ftp.listNames();
        assertEquals(count, names.length, "NLST");
        assertEquals("file-00000.txt", names[0]);
        FTPFile[] mlsd = ftp.mlistDir();
        assertEquals(count, mlsd.length, "MLSD");
        assertTrue(Arrays.stream(mlsd).allMatch(f -> f.isFile() && f.getSize() == 1));
        // More keys than one page: the listing shows LastModified, with no HeadObject per file; MLST still looks.
        assertTrue(ftp.setModificationTime("file-00000.txt", "20200102030405"), ftp.getReplyString());
        assertFalse(ftp.mlistDir()[0].getRawListing().contains("modify=20200102030405;"), "MLSD of 2500 keys");
        assertTrue(ftp.mlistFile("file-00000.txt").getRawListing().contains("modify=20200102030405;"), "MLST");
    }

    @Test
    void renameMovesTheObject() throws Exception {
        byte[] data = random(5000, 7);
        assertTrue(ftp.storeFile("before.bin", new ByteArrayInputStream(data)));
        assertTrue(ftp.rename("before.bin", "after.bin"), ftp.getReplyString());
        assertFalse(store.exists("alice/" + dir + "/before.bin"));
        assertArrayEquals(data, store.get("alice/" + dir + "/after.bin").orElseThrow());
        assertFalse(ftp.rename("missing.bin", "x.bin"));
        assertEquals(550, ftp.getReplyCode());
    }

    @Test
    void renameMovesADirectoryWhole() throws Exception {
        assertTrue(ftp.makeDirectory("folder"));
        assertTrue(ftp.makeDirectory("folder/inner"));
        byte[] data = random(20_000, 21);
        assertTrue(ftp.storeFile("folder/a.bin", new ByteArrayInputStream(data)));
        assertTrue(ftp.storeFile("folder/inner/b.bin", new ByteArrayInputStream(data)));
        assertTrue(ftp.rename("folder", "moved"), ftp.getReplyString());
        String home = "alice/" + dir + "/";
        assertTrue(store.keys(home + "folder").isEmpty(), "nothing left under the old name");
        assertFalse(store.exists(home + "folder/"), "old marker gone");
        assertArrayEquals(data, store.get(home + "moved/a.bin").orElseThrow());
        assertArrayEquals(data, store.get(home + "moved/inner/b.bin").orElseThrow());
        assertTrue(store.exists(home + "moved/inner/"), "markers move too");
        assertTrue(ftp.changeWorkingDirectory("moved/inner"));
        assertEquals(1, ftp.listFiles().length);
        assertTrue(ftp.changeToParentDirectory() && ftp.changeToParentDirectory());
        assertTrue(ftp.makeDirectory("other"));
        assertFalse(ftp.rename("moved", "other"), "onto an existing directory");
        assertEquals(550, ftp.getReplyCode());
        assertFalse(ftp.rename("moved", "moved/deeper"), "into itself");
        assertEquals(553, ftp.getReplyCode());
    }

    @Test
    void renameOfADirectoryAboveTheKeyLimitChangesNothing() throws Exception {
        // The test profile sets bridge.s3.max-rename-keys=100.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> puts = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            String key = "alice/" + dir + "/big/k-" + i;
            puts.add(pool.submit(() -> store.put(key, new byte[]{1})));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        pool.shutdown();
        assertFalse(ftp.rename("big", "big2"));
        assertEquals(550, ftp.getReplyCode());
        assertTrue(ftp.getReplyString().contains("max-rename-keys"), ftp.getReplyString());
        assertEquals(101, store.keys("alice/" + dir + "/big/").size());
        assertTrue(store.keys("alice/" + dir + "/big2").isEmpty());
    }

    @Test
    void deleteRemovesTheObject() throws Exception {
        assertTrue(ftp.storeFile("gone.txt", new ByteArrayInputStream(new byte[]{1})));
        assertTrue(ftp.deleteFile("gone.txt"));
        assertFalse(store.exists("alice/" + dir + "/gone.txt"));
        assertFalse(ftp.deleteFile("gone.txt"));
        assertEquals(550, ftp.getReplyCode());
    }

    @Test
    void restartedRetrieveUsesARange() throws Exception {
        byte[] data = random(100_000, 11);
        assertTrue(ftp.storeFile("ranged.bin", new ByteArrayInputStream(data)));
        ftp.setRestartOffset(60_000);
        byte[] tail = download("ranged.bin");
        assertArrayEquals(Arrays.copyOfRange(data, 60_000, data.length), tail);
        ftp.setRestartOffset(100_000);
        assertEquals(0, download("ranged.bin").length, "REST at the end gives an empty transfer");
    }

    private static byte[] concat(byte[] head, int headLength, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, headLength + tail.length);
        System.arraycopy(tail, 0, joined, headLength, tail.length);
        return joined;
    }

    @Test
    void restartedStoreKeepsTheHeadOfASmallFile() throws Exception {
        byte[] first = random(1_000_000, 31);
        byte[] rest = random(300_000, 32);
        assertTrue(ftp.storeFile("resumed.bin", new ByteArrayInputStream(first)));
        ftp.setRestartOffset(400_000);
        assertTrue(ftp.storeFile("resumed.bin", new ByteArrayInputStream(rest)), ftp.getReplyString());
        assertArrayEquals(concat(first, 400_000, rest), store.get("alice/" + dir + "/resumed.bin").orElseThrow());
    }

    @Test
    void restartedStoreCopiesALargeHeadServerSide() throws Exception {
        byte[] first = random(6 * 1024 * 1024 + 5, 33);
        byte[] rest = random(1024 * 1024, 34);
        assertTrue(ftp.storeFile("big-resumed.bin", new ByteArrayInputStream(first)));
        ftp.setRestartOffset(first.length);
        assertTrue(ftp.storeFile("big-resumed.bin", new ByteArrayInputStream(rest)), ftp.getReplyString());
        assertArrayEquals(concat(first, first.length, rest), store.get("alice/" + dir + "/big-resumed.bin").orElseThrow());
        assertEquals(0, store.openMultipartUploads("alice/" + dir));
    }

    @Test
    void appendAddsToTheEndOrCreates() throws Exception {
        byte[] one = "one,".getBytes(StandardCharsets.UTF_8);
        byte[] two = "two".getBytes(StandardCharsets.UTF_8);
        assertTrue(ftp.appendFile("log.csv", new ByteArrayInputStream(one)), ftp.getReplyString());
        assertTrue(ftp.appendFile("log.csv", new ByteArrayInputStream(two)), ftp.getReplyString());
        assertEquals("one,two", new String(store.get("alice/" + dir + "/log.csv").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void restartBeyondTheEndIs554AndChangesNothing() throws Exception {
        byte[] data = random(1000, 35);
        assertTrue(ftp.storeFile("short.bin", new ByteArrayInputStream(data)));
        ftp.setRestartOffset(5000);
        assertFalse(ftp.storeFile("short.bin", new ByteArrayInputStream(new byte[10])));
        assertEquals(554, ftp.getReplyCode());
        assertArrayEquals(data, store.get("alice/" + dir + "/short.bin").orElseThrow());
        ftp.setRestartOffset(10);
        assertFalse(ftp.storeFile("missing.bin", new ByteArrayInputStream(new byte[10])));
        assertEquals(554, ftp.getReplyCode());
        assertTrue(FTPReply.isPositiveCompletion(ftp.noop()));
    }

    @Test
    void asciiTypeConvertsLineEnds() throws Exception {
        ftp.setFileType(org.apache.commons.net.ftp.FTP.ASCII_FILE_TYPE);
        // Commons Net itself sends local line ends as CRLF in ASCII mode; these are already CRLF.
        assertTrue(ftp.storeFile("lines.txt", new ByteArrayInputStream("one\r\ntwo\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("one\ntwo\n", new String(store.get("alice/" + dir + "/lines.txt").orElseThrow(), StandardCharsets.US_ASCII));
        try (RawFtpsClient raw = RawFtpsClient.explicit(FtpsClients.EXPLICIT_PORT).login("alice", "alice-secret")) {
            assertEquals(200, raw.send("TYPE A").code());
            Socket data = raw.openPassive(true);
            assertEquals(150, raw.send("RETR /" + dir + "/lines.txt").code());
            assertEquals("one\r\ntwo\r\n", new String(data.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals(226, raw.read().code());
            assertEquals(200, raw.send("TYPE I").code());
            data = raw.openPassive(true);
            assertEquals(150, raw.send("RETR /" + dir + "/lines.txt").code());
            assertEquals("one\ntwo\n", new String(data.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals(226, raw.read().code());
        }
    }

    @Test
    void uploadsRecordTheirSha256AndHashAnswersFromIt() throws Exception {
        byte[] data = random(100_000, 41);
        assertTrue(ftp.storeFile("hashed.bin", new ByteArrayInputStream(data)));
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(sha256, store.client().headObject(b -> b.bucket(StoreInspector.BUCKET)
                .key("alice/" + dir + "/hashed.bin")).metadata().get("sha256"), "x-amz-meta-sha256");
        // A recorded digest is believed without reading the object: plant one and HASH repeats it.
        String planted = "0".repeat(64);
        store.client().putObject(b -> b.bucket(StoreInspector.BUCKET).key("alice/" + dir + "/planted.bin")
                .metadata(java.util.Map.of("sha256", planted)), software.amazon.awssdk.core.sync.RequestBody.fromBytes(data));
        assertEquals(213, ftp.sendCommand("HASH planted.bin"));
        assertTrue(ftp.getReplyString().contains(" " + planted + " "), ftp.getReplyString());
        // Multipart uploads record none; HASH computes it by reading.
        byte[] large = random(9 * 1024 * 1024, 42);
        assertTrue(ftp.storeFile("large.bin", new ByteArrayInputStream(large)));
        String largeSha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(large));
        assertEquals(213, ftp.sendCommand("HASH large.bin"));
        assertTrue(ftp.getReplyString().contains(" " + largeSha + " "), ftp.getReplyString());
    }

    @Test
    void sizeAndModificationTimeComeFromS3() throws Exception {
        assertTrue(ftp.storeFile("sized.bin", new ByteArrayInputStream(new byte[1234])));
        assertEquals(213, ftp.sendCommand("SIZE sized.bin"));
        assertEquals("213 1234", ftp.getReplyString().trim());
        assertEquals(213, ftp.sendCommand("MDTM sized.bin"));
        assertTrue(ftp.getReplyString().trim().matches("213 \\d{14}"), ftp.getReplyString());
        assertEquals(550, ftp.sendCommand("SIZE nothing.bin"));
    }

    /** The time MFMT sets, 2020-01-02T03:04:05Z: old enough for LIST to show the year. */
    private static final String SET_TIME = "20200102030405";

    @Test
    void mfmtSetsTheTimeThatMdtmMlstAndListingsShow() throws Exception {
        String key = "alice/" + dir + "/dated.csv";
        byte[] data = "a,b\n".getBytes(StandardCharsets.UTF_8);
        store.client().putObject(b -> b.bucket(StoreInspector.BUCKET).key(key).contentType("text/csv")
                .metadata(java.util.Map.of("sha256", "1".repeat(64), "owner", "accounts")),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(data));
        assertTrue(ftp.setModificationTime("dated.csv", SET_TIME), ftp.getReplyString());
        assertEquals("213 Modify=" + SET_TIME + "; dated.csv", ftp.getReplyString().trim());

        var head = store.client().headObject(b -> b.bucket(StoreInspector.BUCKET).key(key));
        assertEquals("1577934245", head.metadata().get("mtime"), "x-amz-meta-mtime");
        assertEquals("1".repeat(64), head.metadata().get("sha256"), "other metadata kept");
        assertEquals("accounts", head.metadata().get("owner"));
        assertEquals("text/csv", head.contentType(), "content type kept");
        assertArrayEquals(data, store.get(key).orElseThrow(), "bytes unchanged");

        assertEquals(SET_TIME, ftp.getModificationTime("dated.csv"), "MDTM");
        java.time.Instant set = java.time.Instant.parse("2020-01-02T03:04:05Z");
        assertEquals(set, ftp.mlistFile("dated.csv").getTimestamp().toInstant(), "MLST");
        assertEquals(set, ftp.mlistDir()[0].getTimestamp().toInstant(), "MLSD");
        FTPFile listed = ftp.listFiles()[0];
        assertEquals(2020, listed.getTimestamp().get(java.util.Calendar.YEAR), "LIST: " + listed.getRawListing());
        assertTrue(listed.getRawListing().contains("Jan 02  2020"), listed.getRawListing());
        assertTrue(ftp.getStatus("/" + dir).contains("Jan 02  2020 dated.csv"), "STAT of a path: " + ftp.getReplyString());
        assertTrue(ftp.getStatus("/" + dir + "/dated.csv").contains("Jan 02  2020 dated.csv"), ftp.getReplyString());

        assertTrue(ftp.rename("dated.csv", "moved.csv"), ftp.getReplyString());
        assertEquals(SET_TIME, ftp.getModificationTime("moved.csv"), "a rename keeps the time");
        assertTrue(ftp.setModificationTime("moved.csv", "20200102030405.25"), ftp.getReplyString());
        assertEquals("1577934245.25", store.client().headObject(b -> b.bucket(StoreInspector.BUCKET)
                .key("alice/" + dir + "/moved.csv")).metadata().get("mtime"));
        assertTrue(ftp.storeFile("moved.csv", new ByteArrayInputStream(data)));
        assertFalse(ftp.getModificationTime("moved.csv").startsWith("2020"), "a new upload is modified now");
    }

    @Test
    void mfmtRefusesDirectoriesMissingFilesAndBadTimes() throws Exception {
        assertTrue(ftp.storeFile("f.txt", new ByteArrayInputStream(new byte[]{1})));
        assertTrue(ftp.makeDirectory("sub"));
        assertFalse(ftp.setModificationTime("sub", SET_TIME));
        assertEquals(550, ftp.getReplyCode());
        assertTrue(ftp.getReplyString().contains("prefix"), ftp.getReplyString());
        assertFalse(ftp.setModificationTime("/", SET_TIME));
        assertEquals(550, ftp.getReplyCode());
        assertFalse(ftp.setModificationTime("missing.txt", SET_TIME));
        assertEquals(550, ftp.getReplyCode());
        assertFalse(store.exists("alice/" + dir + "/missing.txt"), "MFMT creates nothing");
        assertFalse(ftp.setModificationTime("f.txt", "20201301000000"));
        assertEquals(501, ftp.getReplyCode());
        assertEquals(501, ftp.sendCommand("MFMT f.txt"));
        FTPSClient bob = FtpsClients.explicit("bob", "bob-secret");
        try {
            assertFalse(bob.setModificationTime("/" + dir + "/f.txt", SET_TIME), "read-only user");
            assertEquals(550, bob.getReplyCode());
            assertEquals(550, bob.sendCommand("MDTM " + SET_TIME + " /" + dir + "/f.txt"), "MDTM's setting form too");
        } finally {
            FtpsClients.close(bob);
        }
        assertFalse(ftp.getModificationTime("f.txt").startsWith("2020"));
    }

    @Test
    void mdtmWithATimeFirstSetsItUnlessThatIsAFileName() throws Exception {
        assertTrue(ftp.storeFile("two.bin", new ByteArrayInputStream(new byte[]{2})));
        assertEquals(213, ftp.sendCommand("MDTM " + SET_TIME + " two.bin"), ftp.getReplyString());
        assertEquals(SET_TIME, ftp.getModificationTime("two.bin"));
        // A name that starts with a time and a space is a name: MDTM reads its time and sets nothing.
        String odd = "20190101000000 odd.txt";
        assertTrue(ftp.storeFile(odd, new ByteArrayInputStream(new byte[]{3})), ftp.getReplyString());
        assertTrue(ftp.storeFile("odd.txt", new ByteArrayInputStream(new byte[]{4})));
        assertEquals(213, ftp.sendCommand("MDTM " + odd));
        assertTrue(ftp.getReplyString().trim().matches("213 \\d{14}"), ftp.getReplyString());
        assertFalse(ftp.getReplyString().contains("20190101000000"), ftp.getReplyString());
        assertFalse(ftp.getModificationTime("odd.txt").startsWith("2019"), "odd.txt untouched");
        assertEquals(550, ftp.sendCommand("MDTM " + SET_TIME + " nothing.bin"), "setting a missing file");
    }

    @Test
    void reinLogsOutAndTheClientLogsInAgain() throws Exception {
        byte[] data = random(2000, 51);
        assertTrue(ftp.storeFile("kept.bin", new ByteArrayInputStream(data)));
        assertEquals(220, ftp.rein(), ftp.getReplyString());
        assertEquals(530, ftp.pwd(), "commands that need a login");
        assertEquals(530, ftp.sendCommand("SIZE", "/" + dir + "/kept.bin"));
        assertTrue(ftp.login("alice", "alice-secret"), ftp.getReplyString());
        assertEquals("/", ftp.printWorkingDirectory(), "back in the home");
        assertEquals(0, ftp.listFiles(dir).length, "PROT was reset with the login");
        assertEquals(521, ftp.getReplyCode(), ftp.getReplyString());
        ftp.execPBSZ(0);
        ftp.execPROT("P");
        assertTrue(ftp.changeWorkingDirectory(dir));
        assertEquals(1, ftp.listFiles().length);
        assertArrayEquals(data, download("kept.bin"));
    }

    @Test
    void unicodeAndSpacesInNames() throws Exception {
        String name = "Grüße aus Köln – 東京 report.csv";
        byte[] data = "x;y\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(ftp.storeFile(name, new ByteArrayInputStream(data)), ftp.getReplyString());
        assertArrayEquals(data, store.get("alice/" + dir + "/" + name).orElseThrow());
        assertEquals(List.of(name), Arrays.asList(ftp.listNames()));
        assertTrue(ftp.makeDirectory("dossier été"));
        assertTrue(ftp.changeWorkingDirectory("dossier été"));
    }

    @Test
    void homesAreIsolated() throws Exception {
        assertTrue(ftp.storeFile("secret.txt", new ByteArrayInputStream("alice only".getBytes(StandardCharsets.UTF_8))));
        FTPSClient carol = FtpsClients.explicit("carol", "carol-secret");
        try {
            assertTrue(carol.changeWorkingDirectory(".."), "CDUP at the root stays at the root");
            assertEquals("/", carol.printWorkingDirectory());
            assertFalse(carol.changeWorkingDirectory("/" + dir));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertFalse(carol.retrieveFile("../alice/" + dir + "/secret.txt", out));
            assertFalse(carol.retrieveFile("/../../alice/" + dir + "/secret.txt", out));
            assertTrue(carol.storeFile("../../mine.txt", new ByteArrayInputStream(new byte[]{9})));
            assertTrue(store.exists("carol/mine.txt"), "a path climbing out lands in the home");
            assertFalse(Arrays.stream(carol.listNames()).anyMatch(n -> n.startsWith(dir)));
        } finally {
            FtpsClients.close(carol);
        }
    }

    @Test
    void readOnlyUserCannotChangeAnything() throws Exception {
        assertTrue(ftp.storeFile("shared.txt", new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))));
        FTPSClient bob = FtpsClients.explicit("bob", "bob-secret");
        try {
            assertTrue(bob.changeWorkingDirectory(dir));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(bob.retrieveFile("shared.txt", out));
            assertEquals("hello", out.toString(StandardCharsets.UTF_8));
            assertFalse(bob.storeFile("new.txt", new ByteArrayInputStream(new byte[]{1})));
            assertEquals(550, bob.getReplyCode());
            assertFalse(bob.deleteFile("shared.txt"));
            assertEquals(550, bob.getReplyCode());
            assertFalse(bob.makeDirectory("d"));
            assertFalse(bob.rename("shared.txt", "other.txt"));
            assertTrue(store.exists("alice/" + dir + "/shared.txt"));
            assertFalse(store.exists("alice/" + dir + "/new.txt"));
        } finally {
            FtpsClients.close(bob);
        }
    }

    @Test
    void cutUploadLeavesNothingBehind() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(FtpsClients.EXPLICIT_PORT).login("alice", "alice-secret")) {
            // A reset, not a clean close: the client died mid-way.
            RawFtpsClient.Reply reply = raw.cutUpload("/" + dir + "/cut.bin", random(1024 * 1024, 5), 20);
            assertTrue(reply.code() == 426 || reply.code() == 451, reply.toString());
        }
        assertFalse(store.exists("alice/" + dir + "/cut.bin"));
        assertEquals(0, store.openMultipartUploads("alice/" + dir));
    }

    @Test
    void uploadEndingWithoutTlsCloseNotifyIsDiscarded() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(FtpsClients.EXPLICIT_PORT).login("alice", "alice-secret")) {
            Socket data = raw.openPassive(true);
            RawFtpsClient.expect(raw.send("STOR /" + dir + "/truncated.bin"), 150);
            data.getOutputStream().write(random(300_000, 8));
            data.getOutputStream().flush();
            // A clean TCP close under TLS, as when a client process dies: the bytes so far look like a whole file.
            raw.lastPlainData().shutdownOutput();
            RawFtpsClient.Reply reply = raw.read();
            assertEquals(426, reply.code(), reply.toString());
            assertTrue(reply.text().contains("close_notify"), reply.text());
            data.close();
        }
        assertFalse(store.exists("alice/" + dir + "/truncated.bin"));
        assertEquals(0, store.openMultipartUploads("alice/" + dir));
    }

    @Test
    void abortStopsATransferWith426Then226() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(FtpsClients.EXPLICIT_PORT).login("alice", "alice-secret")) {
            Socket data = raw.openPassive(true);
            RawFtpsClient.expect(raw.send("STOR /" + dir + "/aborted.bin"), 150);
            OutputStream out = data.getOutputStream();
            byte[] chunk = random(1024 * 1024, 6);
            for (int i = 0; i < 12; i++) {
                out.write(chunk);
            }
            out.flush();
            raw.sendRaw("ABOR\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(426, raw.read().code());
            assertEquals(226, raw.read().code());
            data.close();
            assertEquals(200, raw.send("NOOP").code(), "the session goes on");
        }
        assertFalse(store.exists("alice/" + dir + "/aborted.bin"));
        assertEquals(0, store.openMultipartUploads("alice/" + dir));
    }

    @Test
    void twentyParallelSessions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<String>> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            sessions.add(pool.submit(() -> {
                FTPSClient client = FtpsClients.explicit("alice", "alice-secret");
                try {
                    byte[] data = random(512 * 1024 + n, n);
                    String name = "/" + dir + "/parallel-" + n + ".bin";
                    if (!client.storeFile(name, new ByteArrayInputStream(data))) {
                        return "STOR: " + client.getReplyString();
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    if (!client.retrieveFile(name, out)) {
                        return "RETR: " + client.getReplyString();
                    }
                    return Arrays.equals(data, out.toByteArray()) ? "ok" : "bytes differ";
                } finally {
                    FtpsClients.close(client);
                }
            }));
        }
        for (Future<String> session : sessions) {
            assertEquals("ok", session.get());
        }
        pool.shutdown();
        assertEquals(20, store.keys("alice/" + dir + "/parallel-").size());
    }

    @Test
    void implicitFtpsWorksToo() throws Exception {
        FTPSClient implicit = FtpsClients.implicit("alice", "alice-secret");
        try {
            byte[] data = random(70_000, 9);
            assertTrue(implicit.storeFile("/" + dir + "/implicit.bin", new ByteArrayInputStream(data)), implicit.getReplyString());
            assertArrayEquals(data, store.get("alice/" + dir + "/implicit.bin").orElseThrow());
        } finally {
            FtpsClients.close(implicit);
        }
    }

    @Test
    void listingShowsFilesAndDirectories() throws Exception {
        assertTrue(ftp.storeFile("a.txt", new ByteArrayInputStream(new byte[10])));
        assertTrue(ftp.makeDirectory("b"));
        FTPFile[] files = ftp.listFiles();
        assertEquals(2, files.length, Arrays.toString(files));
        FTPFile a = Arrays.stream(files).filter(f -> f.getName().equals("a.txt")).findFirst().orElseThrow();
        assertTrue(a.isFile());
        assertEquals(10, a.getSize());
        assertTrue(Arrays.stream(files).anyMatch(f -> f.getName().equals("b") && f.isDirectory()));
        FTPFile mlst = ftp.mlistFile("a.txt");
        assertEquals(10, mlst.getSize());
        assertTrue(ftp.mlistDir().length == 2);
        assertEquals(List.of("a.txt", "b"), Arrays.stream(ftp.listNames()).sorted().collect(Collectors.toList()));
        assertEquals(1, ftp.listFiles("a.txt").length, "LIST of a file lists it alone");
    }

    @Test
    void listingsTellAFileAnEmptyDirectoryAndNothingApart() throws Exception {
        assertTrue(ftp.storeFile("f.txt", new ByteArrayInputStream(new byte[3])));
        assertTrue(ftp.makeDirectory("empty"));
        FTPFile[] file = ftp.listFiles("f.txt");
        assertEquals(1, file.length, "LIST of a file lists it alone");
        assertTrue(file[0].isFile());
        assertEquals(0, ftp.listFiles("empty").length, ftp.getReplyString());
        assertTrue(FTPReply.isPositiveCompletion(ftp.getReplyCode()), ftp.getReplyString());
        assertEquals(0, ftp.mlistDir("empty").length, ftp.getReplyString());
        assertNull(ftp.listNames("nothing"), "NLST of nothing is refused");
        assertEquals(550, ftp.getReplyCode(), ftp.getReplyString());
        assertEquals(0, ftp.mlistDir("f.txt").length);
        assertEquals(550, ftp.getReplyCode(), "MLSD of a file is refused: " + ftp.getReplyString());
    }

    @Test
    void wildcardListingsFilterTheDirectory() throws Exception {
        for (String name : new String[]{"report-1.csv", "report-2.csv", "notes.txt", "other.csv"}) {
            assertTrue(ftp.storeFile(name, new ByteArrayInputStream(new byte[]{1})));
        }
        assertEquals(List.of("report-1.csv", "report-2.csv"), Arrays.stream(ftp.listNames("report-*")).sorted().toList());
        assertEquals(3, ftp.listFiles("*.csv").length);
        assertEquals(0, ftp.listNames("*.pdf").length);
        assertEquals(List.of("notes.txt"), Arrays.asList(ftp.listNames("/" + dir + "/n?tes.*")));
    }

    @Test
    void uniqueStoreNamesTheFile() throws Exception {
        assertTrue(ftp.storeUniqueFile("report", new ByteArrayInputStream(new byte[]{1, 2})), ftp.getReplyString());
        List<String> keys = store.keys("alice/" + dir + "/report.");
        assertEquals(1, keys.size());
    }

    private String eTag(String name) {
        return store.client().headObject(b -> b.bucket(StoreInspector.BUCKET).key("alice/" + dir + "/" + name)).eTag();
    }

    @Test
    void alloStreamsTheUploadAsOnePutObject() throws Exception {
        // Larger than a part (8M in the test profile): without ALLO this is a multipart upload ('-' in the ETag).
        byte[] data = random(12 * 1024 * 1024 + 7, 51);
        assertTrue(ftp.storeFile("plain.bin", new ByteArrayInputStream(data)), ftp.getReplyString());
        assertTrue(eTag("plain.bin").contains("-"), "multipart without ALLO: " + eTag("plain.bin"));
        assertTrue(ftp.allocate((long) data.length), ftp.getReplyString());
        assertEquals(200, ftp.getReplyCode());
        assertTrue(ftp.storeFile("announced.bin", new ByteArrayInputStream(data)), ftp.getReplyString());
        assertArrayEquals(data, store.get("alice/" + dir + "/announced.bin").orElseThrow());
        assertFalse(eTag("announced.bin").contains("-"), "one PutObject: " + eTag("announced.bin"));
        assertEquals(0, store.openMultipartUploads("alice/" + dir));
        // A small announced file is one buffered PutObject, and keeps its recorded SHA-256.
        byte[] small = random(3000, 52);
        assertTrue(ftp.allocate(3000L));
        assertTrue(ftp.storeFile("small.bin", new ByteArrayInputStream(small)), ftp.getReplyString());
        assertArrayEquals(small, store.get("alice/" + dir + "/small.bin").orElseThrow());
        assertEquals(64, store.client().headObject(b -> b.bucket(StoreInspector.BUCKET).key("alice/" + dir + "/small.bin"))
                .metadata().get("sha256").length(), "x-amz-meta-sha256");
    }

    @Test
    void alloWithTheWrongSizeFailsAndStoresNothing() throws Exception {
        int big = 12 * 1024 * 1024;
        // Fewer bytes than announced, on the streamed path (above a part) and the buffered one.
        assertTrue(ftp.allocate((long) big + 1));
        assertFalse(ftp.storeFile("short.bin", new ByteArrayInputStream(random(big, 53))));
        assertEquals(426, ftp.getReplyCode(), ftp.getReplyString());
        assertTrue(ftp.getReplyString().contains("ALLO"), ftp.getReplyString());
        assertTrue(ftp.allocate(1001L));
        assertFalse(ftp.storeFile("short-small.bin", new ByteArrayInputStream(random(1000, 54))));
        assertEquals(426, ftp.getReplyCode(), ftp.getReplyString());
        // More bytes than announced: the bridge stops reading at once, so use a raw client that tolerates that.
        try (RawFtpsClient raw = RawFtpsClient.explicit(FtpsClients.EXPLICIT_PORT).login("alice", "alice-secret")) {
            assertEquals(200, raw.send("ALLO " + (big - 1)).code());
            Socket data = raw.openPassive(true);
            RawFtpsClient.expect(raw.send("STOR /" + dir + "/long.bin"), 150);
            try {
                data.getOutputStream().write(random(big, 55));
                data.close();
            } catch (java.io.IOException cut) {
                // the bridge closed the data connection when the size was passed
            }
            RawFtpsClient.Reply reply = raw.read();
            assertEquals(426, reply.code(), reply.toString());
            assertEquals(200, raw.send("NOOP").code(), "the session goes on");
        }
        assertFalse(store.exists("alice/" + dir + "/short.bin"));
        assertFalse(store.exists("alice/" + dir + "/short-small.bin"));
        assertFalse(store.exists("alice/" + dir + "/long.bin"));
        assertEquals(0, store.openMultipartUploads("alice/" + dir));
        // The announcement was used up: the next upload needs none.
        assertTrue(ftp.storeFile("after.bin", new ByteArrayInputStream(new byte[]{1})), ftp.getReplyString());
    }

    @Test
    void retrieveOfMissingFileIs550() throws Exception {
        assertFalse(ftp.retrieveFile("nope.bin", new ByteArrayOutputStream()));
        assertEquals(550, ftp.getReplyCode());
        assertTrue(FTPReply.isPositiveCompletion(ftp.noop()), "the session goes on");
    }
}
