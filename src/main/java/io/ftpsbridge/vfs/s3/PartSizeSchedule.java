package io.ftpsbridge.vfs.s3;

/**
 * Part sizes for a streamed upload of unknown length. S3 allows 10,000 parts, so a fixed size caps the object
 * at 10,000 times it; doubling the size every 1,000 parts lets one upload grow large while small uploads keep
 * small parts (and small buffers). Every part is buffered whole, so the size stops doubling at {@code maxSize},
 * which the upload buffer budget sets (see S3Settings#maxPartSize).
 */
final class PartSizeSchedule {

    static final int MAX_PARTS = 10_000;
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

    /** The largest upload these parts can carry: all 10,000 of them full. */
    long maxObjectSize() {
        long total = 0;
        for (int step = 0; step < MAX_PARTS / PARTS_PER_STEP; step++) {
            total += PARTS_PER_STEP * sizeOf(step * PARTS_PER_STEP + 1);
        }
        return total;
    }
}
