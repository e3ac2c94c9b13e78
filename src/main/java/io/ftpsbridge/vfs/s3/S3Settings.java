package io.ftpsbridge.vfs.s3;

/** Tuning of the S3 adapter, taken from {@code bridge.s3.*}. */
record S3Settings(long partSize, int uploadConcurrency, int listPageSize, int maxRenameKeys, int listingTimeLookups) {

    /** S3's smallest part, except the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Largest object CopyObject copies in one request. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
}
