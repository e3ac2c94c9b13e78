package io.ftpsbridge.auth;

import io.ftpsbridge.config.BridgeConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginGuardTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static BridgeConfig.Security settings() {
        return new BridgeConfig.Security() {
            public int maxLoginFailures() {
                return 3;
            }

            public Duration loginFailureWindow() {
                return Duration.ofMinutes(10);
            }

            public Duration banTime() {
                return Duration.ofMinutes(15);
            }

            public Duration failedLoginDelay() {
                return Duration.ofSeconds(1);
            }

            public Duration passwordCacheTtl() {
                return Duration.ofMinutes(5);
            }

            public int maxConnectionsPerIp() {
                return 10;
            }

            public int maxConnections() {
                return 100;
            }
        };
    }

    private final ManualClock clock = new ManualClock();
    private final LoginGuard guard = new LoginGuard(settings(), clock);

    @Test
    void bansAfterTooManyFailuresAndDoublesTheNextBan() {
        assertFalse(guard.failed("10.0.0.1"));
        assertFalse(guard.failed("10.0.0.1"));
        assertTrue(guard.failed("10.0.0.1"));
        assertTrue(guard.isBanned("10.0.0.1"));
        assertFalse(guard.isBanned("10.0.0.2"), "other addresses are not touched");
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertFalse(guard.isBanned("10.0.0.1"), "the first ban lasts 15 minutes");
        guard.failed("10.0.0.1");
        guard.failed("10.0.0.1");
        assertTrue(guard.failed("10.0.0.1"));
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertTrue(guard.isBanned("10.0.0.1"), "the second ban lasts 30 minutes");
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertFalse(guard.isBanned("10.0.0.1"));
    }

    @Test
    void failuresOutsideTheWindowAndBeforeASuccessDoNotCount() {
        guard.failed("10.0.0.3");
        guard.failed("10.0.0.3");
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertFalse(guard.failed("10.0.0.3"), "the window restarted");
        guard.succeeded("10.0.0.3");
        assertFalse(guard.failed("10.0.0.3"));
        assertFalse(guard.failed("10.0.0.3"));
        assertFalse(guard.isBanned("10.0.0.3"));
    }
}
