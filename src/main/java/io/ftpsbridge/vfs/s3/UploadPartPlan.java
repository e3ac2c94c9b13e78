package io.ftpsbridge.vfs.s3;

/**
 * Decides, part by part, where the buffered parts of one streamed upload go. First straight into the final
 * multipart upload, at the sizes of the {@link PartSizeSchedule}. Those are capped by the memory budget, so 10,000
 * of them can fall short of S3's largest object (about 617 GiB with the defaults). So once sending one more part
 * directly would leave too few part numbers to reach that size, every further part (at the capped size) goes into
 * a staging segment instead: a temporary object of up to {@link UploadLimits#maxSegmentSize()} that becomes one
 * part of the final upload by UploadPartCopy (see StagedSegments). The switch comes as late as it can, so that
 * ordinary uploads never pay a copy.
 *
 * <p>Not thread-safe: the upload's executor drives it.
 */
final class UploadPartPlan {

    /**
     * Where one buffered part goes: straight into the final upload as part {@code finalPart}, or, with a
     * {@code stagingPart} above 0, as that part of the segment that becomes final part {@code finalPart}.
     */
    record BufferedPart(long size, int finalPart, int stagingPart, boolean endsSegment) {

        boolean staged() {
            return stagingPart > 0;
        }
    }

    private final PartSizeSchedule schedule;
    private final UploadLimits limits;
    /** Buffered parts per segment: a segment is a whole number of them, so every staging part but the last is full. */
    private final int segmentParts;
    private final long segmentSize;

    /** The final upload's next part number. */
    private int finalPart = 1;
    /** Bytes in the final upload's parts before {@code finalPart}: sent, copied from a segment, or kept. */
    private long placed;
    private boolean staging;
    /** Parts already in the current segment, and their bytes. */
    private int segmentPartsSent;
    private long segmentBytes;

    UploadPartPlan(PartSizeSchedule schedule, UploadLimits limits) {
        this.schedule = schedule;
        this.limits = limits;
        long partSize = schedule.maxSize();
        this.segmentParts = (int) Math.max(1, Math.min(limits.maxSegmentSize(), PartSizeSchedule.MAX_PART_SIZE) / partSize);
        this.segmentSize = segmentParts * partSize;
    }

    /** Final parts that hold bytes not buffered here: the kept head of a resumed file, copied server-side. */
    void kept(int parts, long bytes) {
        finalPart += parts;
        placed += bytes;
    }

    /** The part being filled: where it goes and how large it may grow. The same answer until {@link #sent}. */
    BufferedPart current() {
        if (!staging && !directLeavesRoom()) {
            staging = true;
        }
        if (!staging) {
            return new BufferedPart(schedule.sizeOf(finalPart), finalPart, 0, false);
        }
        int stagingPart = segmentPartsSent + 1;
        return new BufferedPart(schedule.maxSize(), finalPart, stagingPart, stagingPart == segmentParts);
    }

    /** The current part was handed over with {@code bytes} in it. */
    void sent(long bytes) {
        BufferedPart part = current();
        if (!part.staged()) {
            placed += bytes;
            finalPart++;
            return;
        }
        segmentPartsSent++;
        segmentBytes += bytes;
        if (part.endsSegment()) {
            placed += segmentBytes;
            finalPart++;
            segmentPartsSent = 0;
            segmentBytes = 0;
        }
    }

    /** Whether another part may follow the current one: false when it takes the final upload's last part number. */
    boolean hasPartAfterCurrent() {
        BufferedPart part = current();
        return part.finalPart() < limits.maxParts() || part.staged() && !part.endsSegment();
    }

    /** Whether the current part may go straight in and still leave part numbers for segments up to the largest object. */
    private boolean directLeavesRoom() {
        long rest = (long) (limits.maxParts() - finalPart) * segmentSize;
        return placed + schedule.sizeOf(finalPart) + rest >= limits.maxObjectSize();
    }

    /** The largest upload this plan carries: S3's largest object, or less where the part numbers run out first. */
    long maxObjectSize() {
        UploadPartPlan fresh = new UploadPartPlan(schedule, limits);
        while (!fresh.current().staged()) {
            long size = fresh.current().size();
            if (fresh.finalPart == limits.maxParts()) {
                return Math.min(limits.maxObjectSize(), fresh.placed + size);
            }
            fresh.sent(size);
        }
        long segments = limits.maxParts() - fresh.finalPart + 1L;
        return Math.min(limits.maxObjectSize(), fresh.placed + segments * segmentSize);
    }

    /** Bytes of one full segment, a whole number of buffered parts. */
    long segmentSize() {
        return segmentSize;
    }
}
