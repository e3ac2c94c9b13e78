package io.ftpsbridge.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest {

    // htpasswd -nbB style hashes of "alice-secret" in the three accepted versions.
    private static final String Y = "$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK";

    @Test
    void acceptsTheBcryptVersionsHtpasswdWrites() {
        assertTrue(PasswordHash.isBcrypt(Y));
        assertTrue(PasswordHash.isBcrypt(Y.replace("$2y$", "$2a$")));
        assertTrue(PasswordHash.isBcrypt(Y.replace("$2y$", "$2b$")));
        assertFalse(PasswordHash.isBcrypt("alice-secret"));
        assertFalse(PasswordHash.isBcrypt("{SHA}abc"));
        assertFalse(PasswordHash.isBcrypt("$2y$99$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK"));
    }

    @Test
    void verifiesPasswordsForEachVersion() {
        for (String version : new String[]{"$2y$", "$2a$", "$2b$"}) {
            PasswordHash hash = PasswordHash.of(Y.replace("$2y$", version));
            assertTrue(hash.matches("alice-secret"), version);
            assertFalse(hash.matches("alice-secreT"), version);
        }
    }

    @Test
    void neverPrintsTheHash() {
        assertFalse(PasswordHash.of(Y).toString().contains("$2y$"));
    }

    @Test
    void theDecoyIsAWellFormedHashAtTheCostAskedThatNoPasswordMatches() {
        PasswordHash decoy = PasswordHash.random(10);
        assertEquals(10, decoy.cost());
        assertFalse(decoy.matches(""));
        assertFalse(decoy.matches("alice-secret"));
    }
}
