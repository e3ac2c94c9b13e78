package io.ftpsbridge.vfs.s3;

/**
 * Tuning of the S3 adapter, taken from {@code bridge.s3.*}. {@code sdkChecksums}: the SDK adds a CRC checksum to
 * every upload request ({@code request-checksum-calculation=when-supported}). {@code stagingPrefix}: where uploads
 * too large for their buffered parts keep their staging segments, in the bucket of the file. {@code uploadLimits}:
 * S3's own, {@link UploadLimits#S3}, except in tests.
 */
record S3Settings(long partSize, int uploadConcurrency, int listPageSize, int maxRenameKeys, long uploadBufferBudget,
                  boolean sdkChecksums, int listingTimeLookups, String stagingPrefix, UploadLimits uploadLimits) {

    /** S3's smallest part, except the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Largest object CopyObject copies in one request. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
    /** Largest object one PutObject stores. */
    static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;
    static final String DEFAULT_STAGING_PREFIX = ".ftps-bridge-staging/";

    /** The settings as they are configured, with S3's upload limits. */
    S3Settings(long partSize, int uploadConcurrency, int listPageSize, int maxRenameKeys, long uploadBufferBudget,
               boolean sdkChecksums, int listingTimeLookups, String stagingPrefix) {
        this(partSize, uploadConcurrency, listPageSize, maxRenameKeys, uploadBufferBudget, sdkChecksums,
                listingTimeLookups, stagingPrefix, UploadLimits.S3);
    }

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

    S3Settings withUploadLimits(UploadLimits limits) {
        return new S3Settings(partSize, uploadConcurrency, listPageSize, maxRenameKeys, uploadBufferBudget, sdkChecksums,
                listingTimeLookups, stagingPrefix, limits);
    }
}
