package io.ftpsbridge.it;

import io.ftpsbridge.it.RawFtpsClient.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ftpsbridge.it.FtpsClients.EXPLICIT_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed-login delay, bans by address, connection caps and per-user networks, with tight limits. */
@QuarkusTest
@TestProfile(LoginDefenceTest.StrictLogins.class)
@WithTestResource(S3ProxyTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginDefenceTest {

    public static class StrictLogins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bridge.security.max-login-failures", "3",
                    "bridge.security.ban-time", "3S",
                    "bridge.security.failed-login-delay", "400ms",
                    "bridge.security.max-connections-per-ip", "4",
                    "bridge.ftp.active-enabled", "false",
                    // dave's password is alice-secret, but he may log in only from 10.0.0.0/8.
                    "bridge.users.dave.password-hash", "$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK",
                    "bridge.users.dave.home", "s3://bridge-test/dave/",
                    "bridge.users.dave.allowed-cidrs", "10.0.0.0/8,2001:db8::/32");
        }
    }

    private static RawFtpsClient tls() throws IOException {
        RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT);
        RawFtpsClient.expect(raw.authTls(), 234);
        return raw;
    }

    @Test
    @Order(0)
    void activeModeIsOffUnlessTurnedOn() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT).login("alice", "alice-secret")) {
            Reply port = raw.send("PORT 127,0,0,1,200,10");
            assertEquals(502, port.code());
            assertTrue(port.text().contains("PASV"), port.text());
            assertEquals(502, raw.send("EPRT |1|127.0.0.1|5000|").code());
        }
    }

    @Test
    @Order(1)
    void aFailedLoginIsAnsweredLateAndTheSameForEveryCause() throws Exception {
        // alice logged in a moment ago (order 0), so her password is in the verified-password cache: a wrong one
        // still goes through bcrypt and the delay.
        try (RawFtpsClient raw = tls()) {
            assertEquals(331, raw.send("USER alice").code());
            long start = System.nanoTime();
            Reply wrong = raw.send("PASS wrong");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(530, wrong.code());
            assertTrue(millis >= 400, "answered after " + millis + " ms");
            assertEquals(331, raw.send("USER alice").code());
            assertEquals(230, raw.send("PASS alice-secret").code(), "a success clears the count");
        }
    }

    @Test
    @Order(2)
    void aUserOutsideItsNetworksCannotLogInEvenWithTheRightPassword() throws Exception {
        try (RawFtpsClient raw = tls()) {
            assertEquals(331, raw.send("USER dave").code());
            assertEquals("530 Login incorrect", raw.send("PASS alice-secret").toString());
            assertEquals(331, raw.send("USER alice").code());
            assertEquals(230, raw.send("PASS alice-secret").code());
        }
    }

    @Test
    @Order(3)
    void connectionsPerAddressAreCapped() throws Exception {
        List<RawFtpsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(RawFtpsClient.explicit(EXPLICIT_PORT));
            }
            IOException refused = assertThrows(IOException.class, () -> RawFtpsClient.explicit(EXPLICIT_PORT));
            assertTrue(refused.getMessage().contains("421"), refused.getMessage());
        } finally {
            open.forEach(RawFtpsClient::close);
        }
        Thread.sleep(300);
        RawFtpsClient.explicit(EXPLICIT_PORT).close();
    }

    @Test
    @Order(4)
    void anAddressWithTooManyFailuresIsBannedForAWhile() throws Exception {
        try (RawFtpsClient raw = tls()) {
            for (int i = 1; i <= 3; i++) {
                assertEquals(331, raw.send("USER nobody").code());
                Reply reply = raw.send("PASS guess-" + i);
                assertEquals(i < 3 ? 530 : 421, reply.code(), reply.toString());
            }
        }
        IOException banned = assertThrows(IOException.class, () -> RawFtpsClient.explicit(EXPLICIT_PORT));
        assertTrue(banned.getMessage().contains("421"), banned.getMessage());
        Thread.sleep(3500);
        try (RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT).login("alice", "alice-secret")) {
            assertEquals(257, raw.send("PWD").code(), "the ban is over");
        }
    }
}
