package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.HomeLocation;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VirtualPath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class S3KeyMapperTest {

    private final S3KeyMapper keys = new S3KeyMapper(new HomeLocation("bucket", "home/alice/"));

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
}
