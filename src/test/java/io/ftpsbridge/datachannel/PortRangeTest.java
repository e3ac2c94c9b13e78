package io.ftpsbridge.datachannel;

import io.ftpsbridge.config.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortRangeTest {

    @Test
    void parsesARange() {
        PortRange range = PortRange.parse("k", "30000-30099");
        assertEquals(100, range.size());
        assertTrue(range.contains(30050));
        assertEquals(1, PortRange.parse("k", " 40000 - 40000 ").size());
    }

    @Test
    void malformedRangesNameTheKey() {
        for (String bad : new String[]{"30000", "a-b", "30099-30000", "80-90", "60000-70000", ""}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> PortRange.parse("bridge.ftp.passive-ports", bad));
            assertTrue(e.getMessage().startsWith("bridge.ftp.passive-ports "), e.getMessage());
        }
    }
}
