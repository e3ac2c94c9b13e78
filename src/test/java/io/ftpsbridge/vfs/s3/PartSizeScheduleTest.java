package io.ftpsbridge.vfs.s3;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartSizeScheduleTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void startsAtTheConfiguredSizeAndNeverBelowFiveMiB() {
        assertEquals(8 * MIB, new PartSizeSchedule(8 * MIB, PartSizeSchedule.MAX_PART_SIZE).sizeOf(1));
        assertEquals(5 * MIB, new PartSizeSchedule(MIB, PartSizeSchedule.MAX_PART_SIZE).sizeOf(1));
    }

    @Test
    void growsSoThatTenThousandPartsReachFiveTebibytesWhenTheBudgetAllows() {
        PartSizeSchedule schedule = new PartSizeSchedule(8 * MIB, PartSizeSchedule.MAX_PART_SIZE);
        long total = 0;
        for (int part = 1; part <= 10_000; part++) {
            long size = schedule.sizeOf(part);
            assertTrue(size <= PartSizeSchedule.MAX_PART_SIZE);
            total += size;
        }
        assertTrue(total >= 5L * 1024 * 1024 * 1024 * 1024, "total " + total);
        assertEquals(8 * MIB, schedule.sizeOf(1000));
        assertEquals(16 * MIB, schedule.sizeOf(1001));
    }

    @Test
    void partsStopGrowingWhereTheBudgetEnds() {
        // The defaults: 8M parts, upload-concurrency 2, a 256M budget, so no part above 256M / 3.
        S3Settings defaults = new S3Settings(8 * MIB, 2, 1000, 10_000, 256 * MIB, true, 1000, S3Settings.DEFAULT_STAGING_PREFIX);
        PartSizeSchedule schedule = defaults.partSizes();
        assertEquals(256 * MIB / 3, defaults.maxPartSize());
        assertEquals(256 * MIB / 3, schedule.maxSize());
        assertEquals(64 * MIB, schedule.sizeOf(4000));
        assertEquals(256 * MIB / 3, schedule.sizeOf(4001));
        assertEquals(256 * MIB / 3, schedule.sizeOf(10_000));
    }
}
