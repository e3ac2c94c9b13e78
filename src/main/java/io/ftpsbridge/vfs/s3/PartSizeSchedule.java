package io.ftpsbridge.vfs.s3;

/**
 * Part sizes for a streamed upload of unknown length. S3 allows 10,000 parts, so a fixed size caps the object
 * at 10,000 times it; doubling the size every 1,000 parts lets one upload grow large while small uploads keep
 * small parts (and small buffers). Every part is buffered whole, so the size stops doubling at {@code maxSize},
 * which the upload buffer budget sets (see S3Settings#maxPartSize); past what such parts carry, the upload goes on
 * in staged segments (see UploadPartPlan).
 */
final class PartSizeSchedule {

    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    private static final int PARTS_PER_STEP = 1_000;

    private final long baseSize;
    private final long maxSize;

    PartSizeSchedule(long baseSize, long maxSize) {
        this.baseSize = Math.max(baseSize, S3Settings.MIN_PART_SIZE);
        this.maxSize = Math.max(this.baseSize, Math.min(maxSize, MAX_PART_SIZE));
    }

    /** Size of part {@code partNumber} (1-based). */
    long sizeOf(int partNumber) {
        int step = (partNumber - 1) / PARTS_PER_STEP;
        return Math.min(maxSize, baseSize << Math.min(step, 20));
    }

    /** The largest part buffer: where the doubling stops. */
    long maxSize() {
        return maxSize;
    }
}
