package io.ftpsbridge.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    @Test
    void matchesIpv4AndIpv6Networks() {
        Cidr net = Cidr.parse("10.1.0.0/16").orElseThrow();
        assertTrue(net.contains("10.1.200.3"));
        assertFalse(net.contains("10.2.0.1"));
        assertFalse(net.contains("2001:db8::1"));
        assertTrue(Cidr.parse("2001:db8::/32").orElseThrow().contains("2001:db8:ffff::1"));
        assertTrue(Cidr.parse("192.0.2.7").orElseThrow().contains("192.0.2.7"));
        assertFalse(Cidr.parse("192.0.2.7").orElseThrow().contains("192.0.2.8"));
        assertTrue(Cidr.parse("0.0.0.0/0").orElseThrow().contains("203.0.113.9"));
    }

    @Test
    void refusesWhatIsNotANetwork() {
        assertTrue(Cidr.parse("10.0.0.0/33").isEmpty());
        assertTrue(Cidr.parse("example.com/8").isEmpty());
        assertTrue(Cidr.parse("10.0.0.0/x").isEmpty());
        assertTrue(Cidr.parse("").isEmpty());
    }
}
