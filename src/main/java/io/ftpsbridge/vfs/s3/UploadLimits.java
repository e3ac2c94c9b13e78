package io.ftpsbridge.vfs.s3;

/**
 * S3's limits on one multipart upload, as the upload plan uses them. Not settings: S3 fixes them. Tests give smaller
 * ones (through {@link S3FileSystemProvider#useUploadLimits}) to reach the staged path with a few MiB.
 *
 * @param maxParts       part numbers of one multipart upload (S3: 10,000)
 * @param maxObjectSize  the largest object (S3: 5 TiB); a larger upload fails with TOO_LARGE
 * @param maxSegmentSize the largest staging segment, copied into the final upload as one part (S3's largest part,
 *                       5 GiB)
 */
record UploadLimits(int maxParts, long maxObjectSize, long maxSegmentSize) {

    static final UploadLimits S3 = new UploadLimits(10_000, 5L << 40, PartSizeSchedule.MAX_PART_SIZE);

    UploadLimits {
        if (maxParts < 1 || maxObjectSize < 1 || maxSegmentSize < 1) {
            throw new IllegalArgumentException("upload limits must be positive");
        }
    }
}
