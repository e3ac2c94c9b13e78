package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Startup checks of bridge.s3.*: a bad value stops startup with the key's name. */
class S3SettingsTest {

    private static final long MIB = 1024 * 1024;

    private static BridgeConfig.S3 config(long partSize, int concurrency, long budget) {
        return new BridgeConfig.S3() {
            @Override
            public MemorySize partSize() {
                return new MemorySize(BigInteger.valueOf(partSize));
            }

            @Override
            public int uploadConcurrency() {
                return concurrency;
            }

            @Override
            public MemorySize uploadBufferBudget() {
                return new MemorySize(BigInteger.valueOf(budget));
            }

            @Override
            public int listPageSize() {
                return 1000;
            }

            @Override
            public int maxRenameKeys() {
                return 100;
            }

            @Override
            public int listingTimeLookups() {
                return 1000;
            }

            @Override
            public String requestChecksumCalculation() {
                return "when-required";
            }
        };
    }

    private static String rejectedKey(BridgeConfig.S3 config) {
        return assertThrows(ConfigurationException.class, () -> S3FileSystemProvider.settings(config)).key();
    }

    @Test
    void theDefaultsAreAccepted() {
        S3Settings settings = S3FileSystemProvider.settings(config(8 * MIB, 2, 256 * MIB));
        assertEquals(256 * MIB, settings.uploadBufferBudget());
        assertEquals(256 * MIB / 3, settings.maxPartSize());
    }

    @Test
    void theBudgetMustHoldOnePartPerLaneAndOneBeingFilled() {
        assertEquals(15 * MIB, S3FileSystemProvider.settings(config(5 * MIB, 2, 15 * MIB)).uploadBufferBudget());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> S3FileSystemProvider.settings(config(5 * MIB, 2, 15 * MIB - 1)));
        assertEquals("bridge.s3.upload-buffer-budget", e.key());
        assertTrue(e.getMessage().contains("part-size × (upload-concurrency + 1)"), e.getMessage());
    }

    @Test
    void uploadConcurrencyIsBounded() {
        assertEquals("bridge.s3.upload-concurrency", rejectedKey(config(8 * MIB, 0, 256 * MIB)));
        assertEquals("bridge.s3.upload-concurrency", rejectedKey(config(8 * MIB, 65, 4096 * MIB)));
        assertEquals(64, S3FileSystemProvider.settings(config(5 * MIB, 64, 325 * MIB)).uploadConcurrency());
    }

    @Test
    void partSizeIsWithinS3Limits() {
        assertEquals("bridge.s3.part-size", rejectedKey(config(5 * MIB - 1, 2, 256 * MIB)));
    }
}
