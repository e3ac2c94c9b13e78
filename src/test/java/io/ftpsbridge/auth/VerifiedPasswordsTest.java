package io.ftpsbridge.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedPasswordsTest {

    private static final PasswordHash ALICE =
            PasswordHash.of("$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK");

    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedPasswords verified = new VerifiedPasswords(Duration.ofNanos(500), now::get);

    @Test
    void aRememberedPasswordMatchesOnlyItselfForItsUserAndHash() {
        assertFalse(verified.contains("alice", ALICE, "alice-secret"), "nothing before bcrypt accepted it");
        verified.remember("alice", ALICE, "alice-secret");
        assertTrue(verified.contains("alice", ALICE, "alice-secret"));
        assertFalse(verified.contains("alice", ALICE, "alice-secreT"));
        assertFalse(verified.contains("alice", ALICE, ""));
        assertFalse(verified.contains("bob", ALICE, "alice-secret"));
        // A rotated hash (same text, another configuration) does not inherit what the old one accepted.
        assertFalse(verified.contains("alice", PasswordHash.of(
                "$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK"), "alice-secret"));
    }

    @Test
    void anEntryEndsWithItsTtl() {
        verified.remember("alice", ALICE, "alice-secret");
        now.addAndGet(499);
        assertTrue(verified.contains("alice", ALICE, "alice-secret"));
        now.addAndGet(1);
        assertFalse(verified.contains("alice", ALICE, "alice-secret"));
    }

    @Test
    void aZeroTtlKeepsNothing() {
        VerifiedPasswords off = new VerifiedPasswords(Duration.ZERO, now::get);
        off.remember("alice", ALICE, "alice-secret");
        assertFalse(off.contains("alice", ALICE, "alice-secret"));
    }
}
