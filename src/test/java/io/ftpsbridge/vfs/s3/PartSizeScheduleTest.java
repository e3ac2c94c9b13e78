package io.ftpsbridge.vfs.s3;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartSizeScheduleTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void startsAtTheConfiguredSizeAndNeverBelowFiveMiB() {
        assertEquals(8 * MIB, new PartSizeSchedule(8 * MIB).sizeOf(1));
        assertEquals(5 * MIB, new PartSizeSchedule(MIB).sizeOf(1));
    }

    @Test
    void growsSoThatTenThousandPartsReachFiveTebibytes() {
        PartSizeSchedule schedule = new PartSizeSchedule(8 * MIB);
        long total = 0;
        for (int part = 1; part <= PartSizeSchedule.MAX_PARTS; part++) {
            long size = schedule.sizeOf(part);
            assertTrue(size <= PartSizeSchedule.MAX_PART_SIZE);
            total += size;
        }
        assertTrue(total >= 5L * 1024 * 1024 * 1024 * 1024, "total " + total);
        assertEquals(8 * MIB, schedule.sizeOf(1000));
        assertEquals(16 * MIB, schedule.sizeOf(1001));
    }
}
