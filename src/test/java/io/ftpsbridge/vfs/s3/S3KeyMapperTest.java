package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.HomeLocation;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VirtualPath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3KeyMapperTest {

    private final S3KeyMapper keys = new S3KeyMapper(new HomeLocation("bucket", "home/alice/"), S3Settings.DEFAULT_STAGING_PREFIX);

    private static VirtualPath path(String p) {
        return VirtualPath.resolve(VirtualPath.ROOT, p);
    }

    @Test
    void filesAreKeysUnderThePrefix() {
        assertEquals("home/alice/a/b.txt", keys.fileKey(path("/a/b.txt")));
        assertEquals("home/alice/a b/ü.txt", keys.fileKey(path("a b/ü.txt")));
    }

    @Test
    void directoriesArePrefixesEndingInSlash() {
        assertEquals("home/alice/", keys.directoryPrefix(VirtualPath.ROOT));
        assertEquals("home/alice/a/", keys.directoryPrefix(path("/a")));
        assertEquals("b", S3KeyMapper.entryName("home/alice/a/", "home/alice/a/b/"));
        assertEquals("c.txt", S3KeyMapper.entryName("home/alice/a/", "home/alice/a/c.txt"));
    }

    @Test
    void refusesTheRootAsAFileAndOverlongKeys() {
        assertEquals(VfsException.Reason.NOT_A_FILE,
                assertThrows(VfsException.class, () -> keys.fileKey(VirtualPath.ROOT)).reason());
        assertEquals(VfsException.Reason.INVALID_NAME,
                assertThrows(VfsException.class, () -> keys.fileKey(path("x".repeat(1100)))).reason());
    }

    @Test
    void theStagingPrefixIsNoPathOfAHomeThatContainsIt() {
        S3KeyMapper wholeBucket = new S3KeyMapper(new HomeLocation("bucket", ""), ".ftps-bridge-staging/");
        for (String reserved : new String[]{"/.ftps-bridge-staging", "/.ftps-bridge-staging/x.1", "/.ftps-bridge-staging/a/b"}) {
            assertEquals(VfsException.Reason.ACCESS_DENIED,
                    assertThrows(VfsException.class, () -> wholeBucket.fileKey(path(reserved))).reason(), reserved);
            assertEquals(VfsException.Reason.ACCESS_DENIED,
                    assertThrows(VfsException.class, () -> wholeBucket.directoryPrefix(path(reserved))).reason(), reserved);
        }
        assertEquals(".ftps-bridge-staging-not/x", wholeBucket.fileKey(path("/.ftps-bridge-staging-not/x")));
        assertTrue(wholeBucket.isStaging(".ftps-bridge-staging/"));
        assertFalse(wholeBucket.isStaging(".ftps-bridge-staging-not/"));
        assertTrue(wholeBucket.holdsStaging(""));
        assertFalse(wholeBucket.holdsStaging("alice/"));
    }
}
