package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.s3.UploadPartPlan.BufferedPart;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the parts of an upload of unknown size go, up to S3's largest object, for the defaults and every setting. */
class UploadPartPlanTest {

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;
    private static final long TIB = 1024 * GIB;

    /** The final upload's parts an upload of {@code size} bytes gets, every buffered part full but the last. */
    private record Outcome(List<Long> finalParts, long firstStagedAt, long largestBuffer, int stagedParts) {
    }

    private static Outcome run(UploadPartPlan plan, long size) {
        List<Long> finalParts = new ArrayList<>();
        long sent = 0;
        long firstStagedAt = -1;
        long largestBuffer = 0;
        int stagedParts = 0;
        while (sent < size) {
            BufferedPart part = plan.current();
            long bytes = Math.min(part.size(), size - sent);
            largestBuffer = Math.max(largestBuffer, part.size());
            assertTrue(bytes == size - sent || plan.hasPartAfterCurrent(), "part numbers ran out at " + sent + " bytes");
            if (part.staged()) {
                stagedParts++;
                if (firstStagedAt < 0) {
                    firstStagedAt = sent;
                }
            }
            // A segment's parts add up into one final part; a direct part is one.
            if (finalParts.size() < part.finalPart()) {
                assertEquals(finalParts.size() + 1, part.finalPart(), "final part numbers follow each other");
                finalParts.add(0L);
            }
            finalParts.set(part.finalPart() - 1, finalParts.get(part.finalPart() - 1) + bytes);
            plan.sent(bytes);
            sent += bytes;
        }
        return new Outcome(finalParts, firstStagedAt, largestBuffer, stagedParts);
    }

    private static void assertValidForS3(Outcome outcome, long size) {
        List<Long> parts = outcome.finalParts();
        assertTrue(parts.size() <= 10_000, parts.size() + " parts");
        assertEquals(size, parts.stream().mapToLong(Long::longValue).sum());
        for (int i = 0; i < parts.size(); i++) {
            assertTrue(parts.get(i) <= 5 * GIB, "part " + (i + 1) + ": " + parts.get(i));
            assertTrue(i == parts.size() - 1 || parts.get(i) >= 5 * MIB, "part " + (i + 1) + ": " + parts.get(i));
        }
    }

    @Test
    void withTheDefaultsOneUploadReachesFiveTebibytesInBoundedMemory() {
        S3Settings defaults = new S3Settings(8 * MIB, 2, 1000, 10_000, 256 * MIB, true, 1000, S3Settings.DEFAULT_STAGING_PREFIX);
        UploadPartPlan plan = new UploadPartPlan(defaults.partSizes(), defaults.uploadLimits());
        assertEquals(5 * TIB, plan.maxObjectSize(), "limited only by S3's largest object");
        assertEquals(60 * defaults.maxPartSize(), plan.segmentSize(), "60 capped parts, just under 5 GiB");
        assertTrue(plan.segmentSize() <= 5 * GIB);

        Outcome outcome = run(plan, 5 * TIB);
        assertValidForS3(outcome, 5 * TIB);
        assertTrue(outcome.largestBuffer() <= 256 * MIB / 3, "no buffer beyond budget / (concurrency + 1)");
        assertTrue(outcome.firstStagedAt() > 500 * GIB, "ordinary uploads pay no copy: staged from "
                + outcome.firstStagedAt());
        System.out.printf("defaults: direct parts up to %,d bytes (%.1f GiB), then %d segments of %,d bytes; %d final "
                        + "parts for 5 TiB, %d of them copied, %d staged parts%n", outcome.firstStagedAt(),
                outcome.firstStagedAt() / (double) GIB, outcome.finalParts().size() - firstStagedPart(outcome),
                plan.segmentSize(), outcome.finalParts().size(), outcome.finalParts().size() - firstStagedPart(outcome),
                outcome.stagedParts());
    }

    private static int firstStagedPart(Outcome outcome) {
        long sum = 0;
        int part = 0;
        while (sum < outcome.firstStagedAt()) {
            sum += outcome.finalParts().get(part++);
        }
        return part;
    }

    @Test
    void anUploadBelowTheSwitchIsAllDirectParts() {
        S3Settings defaults = new S3Settings(8 * MIB, 2, 1000, 10_000, 256 * MIB, true, 1000, S3Settings.DEFAULT_STAGING_PREFIX);
        Outcome outcome = run(new UploadPartPlan(defaults.partSizes(), defaults.uploadLimits()), 500 * GIB);
        assertEquals(-1, outcome.firstStagedAt());
        assertEquals(0, outcome.stagedParts());
    }

    @Test
    void aBudgetLargeEnoughForDirectPartsNeverStages() {
        S3Settings large = new S3Settings(8 * MIB, 2, 1000, 10_000, 6 * GIB, true, 1000, S3Settings.DEFAULT_STAGING_PREFIX);
        Outcome outcome = run(new UploadPartPlan(large.partSizes(), large.uploadLimits()), 5 * TIB);
        assertEquals(-1, outcome.firstStagedAt());
        assertValidForS3(outcome, 5 * TIB);
    }

    @Test
    void everyAcceptedSettingReachesFiveTebibytes() {
        long[] partSizes = {5 * MIB, 8 * MIB, 16 * MIB, 100 * MIB, GIB, 3 * GIB, 5 * GIB};
        int[] concurrencies = {1, 2, 3, 8, 64};
        for (long partSize : partSizes) {
            for (int concurrency : concurrencies) {
                long least = partSize * (concurrency + 1);
                for (long budget : new long[]{least, least + MIB, Math.max(least, 256 * MIB), Math.max(least, 6 * GIB)}) {
                    S3Settings settings = new S3Settings(partSize, concurrency, 1000, 100, budget, true, 1000,
                            S3Settings.DEFAULT_STAGING_PREFIX);
                    UploadPartPlan plan = new UploadPartPlan(settings.partSizes(), settings.uploadLimits());
                    String what = partSize + "/" + concurrency + "/" + budget;
                    assertEquals(5 * TIB, plan.maxObjectSize(), what);
                    Outcome outcome = run(plan, 5 * TIB);
                    assertValidForS3(outcome, 5 * TIB);
                    assertTrue(outcome.largestBuffer() <= settings.maxPartSize(), what);
                }
            }
        }
    }

    @Test
    void smallLimitsStageEarlyAndStopAtTheirLargestObject() {
        // The integration test's limits: 5 MiB parts, 4 part numbers, 10 MiB segments, at most 32 MiB.
        PartSizeSchedule fiveMiB = new PartSizeSchedule(5 * MIB, 5 * MIB);
        UploadPartPlan plan = new UploadPartPlan(fiveMiB, new UploadLimits(4, 32 * MIB, 10 * MIB));
        assertEquals(32 * MIB, plan.maxObjectSize());
        Outcome outcome = run(plan, 32 * MIB);
        assertEquals(List.of(5 * MIB, 10 * MIB, 10 * MIB, 7 * MIB), outcome.finalParts());
        assertEquals(5 * MIB, outcome.firstStagedAt());

        // With fewer part numbers than the largest object needs, the part numbers set the limit.
        UploadPartPlan short4 = new UploadPartPlan(fiveMiB, new UploadLimits(4, 100 * MIB, 10 * MIB));
        assertEquals(40 * MIB, short4.maxObjectSize());
        assertEquals(5 * MIB + 3 * 10 * MIB, run(short4, 35 * MIB).finalParts().stream().mapToLong(Long::longValue).sum());
        assertTrue(short4.current().endsSegment());
        assertEquals(4, short4.current().finalPart());
        assertFalse(short4.hasPartAfterCurrent(), "the last part of the last part number");
    }

    @Test
    void aKeptHeadTakesPartNumbersAndBytes() {
        PartSizeSchedule fiveMiB = new PartSizeSchedule(5 * MIB, 5 * MIB);
        UploadPartPlan plan = new UploadPartPlan(fiveMiB, new UploadLimits(6, 40 * MIB, 10 * MIB));
        plan.kept(2, 12 * MIB);
        BufferedPart next = plan.current();
        assertEquals(3, next.finalPart());
        // 12 + 5 + 3 × 10 = 47 >= 40: still direct; after it 17 + 5 + 2 × 10 = 42, and then 22 + 5 + 10 = 37: staged.
        assertFalse(next.staged());
        plan.sent(5 * MIB);
        assertFalse(plan.current().staged());
        plan.sent(5 * MIB);
        assertTrue(plan.current().staged());
        assertEquals(5, plan.current().finalPart());
    }
}
