package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.it.FtpsClients;
import io.ftpsbridge.it.RawFtpsClient;
import io.ftpsbridge.it.S3ProxyTestResource;
import io.ftpsbridge.it.StoreInspector;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staged segments against S3Proxy, through a real FTPS client, with S3's limits shrunk so that a few MiB reach
 * them: 5 MiB parts, 4 part numbers, 10 MiB segments, 32 MiB at most. An upload of 31 MiB is then part 1 sent
 * directly and three segments copied in with UploadPartCopy; what lands must be the bytes sent, with no staging
 * object and no multipart upload left, whether the upload succeeds, is too large or is cut.
 */
@QuarkusTest
@TestProfile(StagedUploadTest.SmallParts.class)
@WithTestResource(S3ProxyTestResource.class)
class StagedUploadTest {

    private static final int MIB = 1024 * 1024;
    private static final String STAGING = S3Settings.DEFAULT_STAGING_PREFIX;

    /** 5M parts, two in flight, a budget of three: every part buffer is 5 MiB, the smallest S3 takes. */
    public static class SmallParts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bridge.s3.part-size", "5M",
                    "bridge.s3.upload-concurrency", "2",
                    "bridge.s3.upload-buffer-budget", "15M",
                    // whole / alice-secret: a home that is the whole bucket, so it contains the staging prefix.
                    "bridge.users.whole.password-hash", "$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK",
                    "bridge.users.whole.home", "s3://bridge-test/",
                    "bridge.ftp.port", "21330",
                    "bridge.ftp.implicit-port", "29330",
                    "bridge.ftp.passive-ports", "31460-31479");
        }
    }

    @Inject
    S3FileSystemProvider storage;

    private StoreInspector store;

    @BeforeEach
    void shrinkS3Limits() {
        storage.useUploadLimits(new UploadLimits(4, 32L * MIB, 10L * MIB));
        store = new StoreInspector();
    }

    @AfterEach
    void restoreS3Limits() {
        storage.useUploadLimits(UploadLimits.S3);
        store.close();
    }

    @Test
    void anUploadPastItsDirectPartsIsCopiedInFromStagingSegmentsByteExact() throws Exception {
        // 25 MiB ends exactly at a segment's end; 31 MiB + 123 ends in a short last segment of a full and a short part.
        for (int size : new int[]{25 * MIB, 31 * MIB + 123}) {
            byte[] sent = random(size, size);
            String name = "staged-" + size + ".bin";
            FTPSClient ftp = FtpsClients.explicit("alice", "alice-secret");
            try {
                assertTrue(ftp.storeFile(name, new ByteArrayInputStream(sent)), ftp.getReplyString());
            } finally {
                FtpsClients.close(ftp);
            }
            byte[] stored = store.get("alice/" + name).orElseThrow();
            assertEquals(sha256(sent), sha256(stored), "the object holds exactly the bytes sent");
            // One direct part and the segments: 5 + 10 + 10 (+ 6 MiB and 123 bytes).
            String eTag = store.client().headObject(b -> b.bucket(StoreInspector.BUCKET).key("alice/" + name)).eTag();
            assertTrue(eTag.endsWith(size == 25 * MIB ? "-3\"" : "-4\""), eTag);
            assertNothingStaged();
        }
    }

    @Test
    void anUploadBeyondTheLargestObjectGets552AndLeavesNothing() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(FtpsClients.EXPLICIT_PORT).login("alice", "alice-secret")) {
            Socket data = raw.openPassive(true);
            RawFtpsClient.expect(raw.send("STOR too-large.bin"), 150);
            try {
                data.getOutputStream().write(random(32 * MIB + 1, 7));
                data.close();
            } catch (IOException cut) {
                // the bridge closed the data connection once the size was passed
            }
            RawFtpsClient.Reply reply = raw.read();
            assertEquals(552, reply.code(), reply.toString());
        }
        assertFalse(store.exists("alice/too-large.bin"));
        assertNothingStaged();
    }

    @Test
    void aCutConnectionWhileSegmentsAreStagedLeavesNothing() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(FtpsClients.EXPLICIT_PORT).login("alice", "alice-secret")) {
            // Part 1, segment 2 (complete and copied, or on its way), and half of segment 3.
            RawFtpsClient.Reply reply = raw.cutUpload("cut.bin", random(MIB, 9), 21);
            assertTrue(reply.code() == 426 || reply.code() == 451, reply.toString());
        }
        // The reply comes once the upload was cleaned up.
        assertFalse(store.exists("alice/cut.bin"));
        assertNothingStaged();
    }

    @Test
    void aHomeThatContainsTheStagingPrefixNeitherShowsNorReachesIt() throws Exception {
        String leftover = STAGING + "leftover.1";
        store.put(leftover, new byte[]{1, 2, 3});
        FTPSClient ftp = FtpsClients.explicit("whole", "alice-secret");
        try {
            assertTrue(Arrays.stream(ftp.listNames("/")).noneMatch(name -> name.contains("ftps-bridge-staging")));
            FTPFile[] listed = ftp.listFiles("/.ftps*");
            assertEquals(0, listed == null ? 0 : listed.length);
            String dir = "/" + STAGING.substring(0, STAGING.length() - 1);
            assertEquals(550, ftp.cwd(dir));
            assertEquals(550, ftp.sendCommand("SIZE", dir + "/leftover.1"));
            assertEquals(550, ftp.sendCommand("MLST", dir));
            assertEquals(550, ftp.sendCommand("DELE", dir + "/leftover.1"));
            assertEquals(550, ftp.sendCommand("RNFR", dir + "/leftover.1"));
            assertEquals(550, ftp.sendCommand("MKD", dir + "/x"));
            assertFalse(ftp.retrieveFile(dir + "/leftover.1", OutputStream.nullOutputStream()));
            assertEquals(550, ftp.getReplyCode());
            assertFalse(ftp.storeFile(dir + "/planted.1", new ByteArrayInputStream(new byte[]{4})));
            assertEquals(550, ftp.getReplyCode());
        } finally {
            FtpsClients.close(ftp);
        }
        assertTrue(store.exists(leftover), "nothing under the staging prefix was changed");
        assertFalse(store.exists(STAGING + "planted.1"));
        store.client().deleteObject(b -> b.bucket(StoreInspector.BUCKET).key(leftover));
    }

    private void assertNothingStaged() {
        assertEquals(0, store.keys(STAGING).size(), "staging objects left: " + store.keys(STAGING));
        assertEquals(0, store.openMultipartUploads(""), "multipart uploads left open");
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
