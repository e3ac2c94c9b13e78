package io.ftpsbridge.protocol.command;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MfmtCommandTest {

    @Test
    void timeValuesAreUtcWithAnOptionalFraction() {
        assertEquals(Optional.of(Instant.parse("2020-01-02T03:04:05Z")), MfmtCommand.parse("20200102030405"));
        assertEquals(Optional.of(Instant.parse("2020-01-02T03:04:05.500Z")), MfmtCommand.parse("20200102030405.5"));
        assertEquals(Optional.of(Instant.parse("2020-01-02T03:04:05.123Z")), MfmtCommand.parse("20200102030405.123"));
    }

    @Test
    void datesThatDoNotExistAreRefused() {
        for (String bad : new String[]{"20201301000000", "20210229000000", "20200101240000", "20200101006000", "2020010100000"}) {
            assertEquals(Optional.empty(), MfmtCommand.parse(bad), bad);
        }
        assertTrue(MfmtCommand.parse("20200229235959").isPresent(), "a leap day");
    }

    @Test
    void theArgumentIsATimeThenAPath() {
        assertTrue(MfmtCommand.TIME_AND_PATH.matcher("20200102030405 a file.txt").matches());
        assertTrue(MfmtCommand.TIME_AND_PATH.matcher("20200102030405.25 /dir/f").matches());
        assertFalse(MfmtCommand.TIME_AND_PATH.matcher("20200102030405").matches());
        assertFalse(MfmtCommand.TIME_AND_PATH.matcher("2020-01-02 f").matches());
        assertFalse(MfmtCommand.TIME_AND_PATH.matcher("report.txt").matches());
    }
}
