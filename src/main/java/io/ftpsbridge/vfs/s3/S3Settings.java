package io.ftpsbridge.vfs.s3;

/**
 * Tuning of the S3 adapter, taken from {@code bridge.s3.*}. {@code sdkChecksums}: the SDK adds a CRC checksum to
 * every upload request ({@code request-checksum-calculation=when-supported}).
 */
record S3Settings(long partSize, int uploadConcurrency, int listPageSize, int maxRenameKeys, long uploadBufferBudget,
                  boolean sdkChecksums, int listingTimeLookups) {

    /** S3's smallest part, except the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Largest object CopyObject copies in one request. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
    /** Largest object one PutObject stores. */
    static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

    /**
     * The largest part: an upload holds at most {@code upload-concurrency} parts in flight plus the one it fills,
     * so with parts up to this size one upload alone never needs more than the whole budget.
     */
    long maxPartSize() {
        return Math.min(PartSizeSchedule.MAX_PART_SIZE, uploadBufferBudget / (uploadConcurrency + 1L));
    }

    PartSizeSchedule partSizes() {
        return new PartSizeSchedule(partSize, maxPartSize());
    }
}
