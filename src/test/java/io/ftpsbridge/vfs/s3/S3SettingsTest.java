package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Startup checks of bridge.s3.*: a bad value stops startup with the key's name. */
class S3SettingsTest {

    private static final long MIB = 1024 * 1024;

    private static BridgeConfig.S3 config(long partSize, int concurrency, long budget) {
        return config(partSize, concurrency, budget, S3Settings.DEFAULT_STAGING_PREFIX);
    }

    private static BridgeConfig.S3 config(long partSize, int concurrency, long budget, String stagingPrefix) {
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

            @Override
            public String stagingPrefix() {
                return stagingPrefix;
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

    @Test
    void theStagingPrefixIsADirectoryLikePrefix() {
        assertEquals(".ftps-bridge-staging/", S3FileSystemProvider.settings(config(8 * MIB, 2, 256 * MIB)).stagingPrefix());
        assertEquals("internal/staging/",
                S3FileSystemProvider.settings(config(8 * MIB, 2, 256 * MIB, "internal/staging/")).stagingPrefix());
        for (String bad : new String[]{"", "staging", "/staging/", "a//b/", "tab\t/", "x".repeat(600) + "/"}) {
            assertEquals("bridge.s3.staging-prefix", rejectedKey(config(8 * MIB, 2, 256 * MIB, bad)), bad);
        }
    }

    @Test
    void noHomeMayLieInsideTheStagingPrefix() {
        BridgeConfig.User alice = user("s3://bucket/.ftps-bridge-staging/alice/");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> S3FileSystemProvider.requireHomesOutsideStaging(".ftps-bridge-staging/", Map.of("alice", alice)));
        assertEquals("bridge.s3.staging-prefix", e.key());
        assertTrue(e.getMessage().contains("alice"), e.getMessage());
        // A home that contains the prefix (a whole bucket) is fine: listings leave the prefix out.
        S3FileSystemProvider.requireHomesOutsideStaging(".ftps-bridge-staging/",
                Map.of("bob", user("s3://bucket/"), "carol", user("s3://bucket/carol/")));
    }

    private static BridgeConfig.User user(String home) {
        return new BridgeConfig.User() {
            @Override
            public String passwordHash() {
                return "";
            }

            @Override
            public String home() {
                return home;
            }

            @Override
            public List<String> permissions() {
                return List.of();
            }

            @Override
            public Optional<List<String>> allowedCidrs() {
                return Optional.empty();
            }

            @Override
            public Optional<String> certificateSubject() {
                return Optional.empty();
            }

            @Override
            public Optional<String> certificateFingerprint() {
                return Optional.empty();
            }
        };
    }
}
