package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.HomeLocation;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VirtualPath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class S3FileSystemViewTest {

    /** No S3 client: requireStorable decides from the key alone, without a request. */
    private final S3FileSystemView view = new S3FileSystemView(null, new S3KeyMapper(new HomeLocation("bucket", "alice/"), S3Settings.DEFAULT_STAGING_PREFIX),
            new S3Settings(S3Settings.MIN_PART_SIZE, 1, 1000, 100, 256L << 20, false, 1000,
                    S3Settings.DEFAULT_STAGING_PREFIX), null, Runnable::run);

    @Test
    void aPathIsStorableWhileItsKeyFitsS3sLimit() {
        // "alice/" is 6 bytes: 1018 more make the longest key S3 takes, 1024 bytes.
        VirtualPath longest = VirtualPath.resolve(VirtualPath.ROOT, "a/".repeat(100) + "b".repeat(818));
        assertSame(longest, view.requireStorable(longest));
        assertSame(VirtualPath.ROOT, view.requireStorable(VirtualPath.ROOT));

        VfsException tooLong = assertThrows(VfsException.class,
                () -> view.requireStorable(VirtualPath.resolve(VirtualPath.ROOT, "a/".repeat(100) + "b".repeat(819))));
        assertEquals(VfsException.Reason.INVALID_NAME, tooLong.reason());
        assertEquals("path is too long: its S3 key would be 1025 bytes, and S3 allows at most 1024 bytes",
                tooLong.getMessage());
        // Bytes, not characters: 512 two-byte letters make a 1030-byte key.
        assertThrows(VfsException.class, () -> view.requireStorable(VirtualPath.resolve(VirtualPath.ROOT, "é".repeat(512))));
    }
}
