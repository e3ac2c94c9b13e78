package io.ftpsbridge.auth;

import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts failed logins per source address and bans an address that fails too often within the window; each
 * further ban of the same address lasts twice as long (up to a day). Bans are answered 421 at connect.
 */
@ApplicationScoped
public class LoginGuard {

    private static final Logger LOG = Logger.getLogger(LoginGuard.class);
    private static final Duration LONGEST_BAN = Duration.ofDays(1);
    private static final int MAX_RECORDS = 100_000;

    /** One address's record: failures in the current window, bans so far, and the end of the current ban. */
    private record Record(int failures, Instant windowStart, int bans, Instant bannedUntil) {
    }

    private final ConcurrentMap<String, Record> records = new ConcurrentHashMap<>();
    private final BridgeConfig.Security settings;
    private final Clock clock;

    @Inject
    public LoginGuard(BridgeConfig config) {
        this(config.security(), Clock.systemUTC());
    }

    LoginGuard(BridgeConfig.Security settings, Clock clock) {
        if (settings.maxLoginFailures() < 1) {
            throw new ConfigurationException("bridge.security.max-login-failures",
                    "must be at least 1, got " + settings.maxLoginFailures());
        }
        this.settings = settings;
        this.clock = clock;
    }

    /** True while the address is banned. */
    public boolean isBanned(String address) {
        Record record = records.get(address);
        return record != null && record.bannedUntil() != null && clock.instant().isBefore(record.bannedUntil());
    }

    /** Counts a failed login; true when this failure got the address banned. */
    public boolean failed(String address) {
        Instant now = clock.instant();
        if (records.size() > MAX_RECORDS) {
            forgetExpired(now);
        }
        Record updated = records.compute(address, (a, old) -> {
            int bans = old == null ? 0 : old.bans();
            boolean inWindow = old != null && old.windowStart() != null
                    && now.isBefore(old.windowStart().plus(settings.loginFailureWindow()));
            int failures = (inWindow ? old.failures() : 0) + 1;
            Instant windowStart = inWindow ? old.windowStart() : now;
            Instant bannedUntil = old == null ? null : old.bannedUntil();
            if (failures >= settings.maxLoginFailures()) {
                Duration ban = settings.banTime().multipliedBy(1L << Math.min(bans, 16));
                bannedUntil = now.plus(ban.compareTo(LONGEST_BAN) > 0 ? LONGEST_BAN : ban);
                return new Record(0, null, bans + 1, bannedUntil);
            }
            return new Record(failures, windowStart, bans, bannedUntil);
        });
        boolean banned = updated.failures() == 0 && updated.bannedUntil() != null && now.isBefore(updated.bannedUntil());
        if (banned) {
            LOG.warnf("Address %s banned until %s after %d failed logins", address, updated.bannedUntil(),
                    settings.maxLoginFailures());
        }
        return banned;
    }

    /** Keeps a flood of addresses from growing the map: drops records with no live window and no live ban. */
    private void forgetExpired(Instant now) {
        records.entrySet().removeIf(e -> {
            Record r = e.getValue();
            boolean windowOver = r.windowStart() == null || !now.isBefore(r.windowStart().plus(settings.loginFailureWindow()));
            boolean banOver = r.bannedUntil() == null || !now.isBefore(r.bannedUntil());
            return windowOver && banOver;
        });
    }

    /** A successful login clears the address's failures (not its ban history). */
    public void succeeded(String address) {
        records.computeIfPresent(address, (a, old) -> old.bans() == 0 ? null : new Record(0, null, old.bans(), old.bannedUntil()));
    }

    public Duration failedLoginDelay() {
        return settings.failedLoginDelay();
    }
}
