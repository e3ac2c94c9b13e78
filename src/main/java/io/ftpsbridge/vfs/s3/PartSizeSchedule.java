package io.ftpsbridge.vfs.s3;

/**
 * Part sizes for a streamed upload of unknown length. S3 allows 10,000 parts, so a fixed size caps the object
 * at 10,000 times it; doubling the size every 1,000 parts lets one upload reach S3's 5 TiB object limit while small
 * uploads keep small parts (and small buffers).
 */
final class PartSizeSchedule {

    static final int MAX_PARTS = 10_000;
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    private static final int PARTS_PER_STEP = 1_000;

    private final long baseSize;

    PartSizeSchedule(long baseSize) {
        this.baseSize = Math.max(baseSize, S3Settings.MIN_PART_SIZE);
    }

    /** Size of part {@code partNumber} (1-based). */
    long sizeOf(int partNumber) {
        int step = (partNumber - 1) / PARTS_PER_STEP;
        return Math.min(MAX_PART_SIZE, baseSize << Math.min(step, 20));
    }
}
