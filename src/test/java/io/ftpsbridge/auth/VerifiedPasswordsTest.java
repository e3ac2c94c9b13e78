package io.ftpsbridge.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedPasswordsTest {

    private static final PasswordHash ALICE =
            PasswordHash.of("$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK");

    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedPasswords verified = new VerifiedPasswords(Duration.ofNanos(500), now::get);
    /** The bcrypt checks started, each answered by the test. */
    private final List<CompletableFuture<Boolean>> bcrypts = new ArrayList<>();
    private final Supplier<CompletionStage<Boolean>> bcrypt = () -> {
        CompletableFuture<Boolean> check = new CompletableFuture<>();
        bcrypts.add(check);
        return check;
    };

    /** As if bcrypt accepted {@code password} just now. */
    private void accepted(VerifiedPasswords passwords, String user, String password) {
        passwords.verify(user, ALICE, password, () -> CompletableFuture.completedFuture(true));
    }

    @Test
    void aRememberedPasswordMatchesOnlyItselfForItsUserAndHash() {
        assertFalse(verified.contains("alice", ALICE, "alice-secret"), "nothing before bcrypt accepted it");
        accepted(verified, "alice", "alice-secret");
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
        accepted(verified, "alice", "alice-secret");
        now.addAndGet(499);
        assertTrue(verified.contains("alice", ALICE, "alice-secret"));
        now.addAndGet(1);
        assertFalse(verified.contains("alice", ALICE, "alice-secret"));
    }

    @Test
    void aZeroTtlKeepsNothing() {
        VerifiedPasswords off = new VerifiedPasswords(Duration.ZERO, now::get);
        accepted(off, "alice", "alice-secret");
        assertFalse(off.contains("alice", ALICE, "alice-secret"));
        // Nor does it share: every login runs its own bcrypt.
        off.verify("alice", ALICE, "alice-secret", bcrypt);
        off.verify("alice", ALICE, "alice-secret", bcrypt);
        assertEquals(2, bcrypts.size());
    }

    @Test
    void loginsWithThePasswordBeingCheckedShareTheCheck() {
        CompletionStage<Boolean> first = verified.verify("alice", ALICE, "alice-secret", bcrypt);
        CompletionStage<Boolean> second = verified.verify("alice", ALICE, "alice-secret", bcrypt);
        assertEquals(1, bcrypts.size());
        assertSame(first, second);
        bcrypts.get(0).complete(true);
        assertTrue(second.toCompletableFuture().join());
        // Remembered from now on: no bcrypt at all.
        assertTrue(verified.verify("alice", ALICE, "alice-secret", bcrypt).toCompletableFuture().join());
        assertEquals(1, bcrypts.size());
    }

    @Test
    void anotherPasswordOrUserIsCheckedOnItsOwn() {
        CompletionStage<Boolean> right = verified.verify("alice", ALICE, "alice-secret", bcrypt);
        CompletionStage<Boolean> wrong = verified.verify("alice", ALICE, "guess", bcrypt);
        CompletionStage<Boolean> otherUser = verified.verify("bob", ALICE, "alice-secret", bcrypt);
        assertEquals(3, bcrypts.size());
        assertNotSame(right, wrong);
        bcrypts.get(1).complete(false);
        bcrypts.get(2).complete(false);
        bcrypts.get(0).complete(true);
        assertTrue(right.toCompletableFuture().join());
        assertFalse(wrong.toCompletableFuture().join());
        assertFalse(otherUser.toCompletableFuture().join());
    }

    @Test
    void aRefusedPasswordIsSharedWhileCheckedButNeverRemembered() {
        CompletionStage<Boolean> first = verified.verify("alice", ALICE, "guess", bcrypt);
        CompletionStage<Boolean> second = verified.verify("alice", ALICE, "guess", bcrypt);
        bcrypts.get(0).complete(false);
        assertFalse(first.toCompletableFuture().join());
        assertFalse(second.toCompletableFuture().join());
        // The next try pays bcrypt again.
        verified.verify("alice", ALICE, "guess", bcrypt);
        assertEquals(2, bcrypts.size());
    }
}
