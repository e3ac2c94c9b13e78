package io.ftpsbridge.protocol.listing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameGlobTest {

    @Test
    void matchesLikeAShell() {
        assertTrue(NameGlob.of("*.csv").matches("report.csv"));
        assertFalse(NameGlob.of("*.csv").matches("report.csv.bak"));
        assertTrue(NameGlob.of("report-?.txt").matches("report-7.txt"));
        assertFalse(NameGlob.of("report-?.txt").matches("report-17.txt"));
        assertTrue(NameGlob.of("a*b*c").matches("a-xx-b-yy-c"));
        assertTrue(NameGlob.of("*").matches(""));
        assertTrue(NameGlob.of("[x].csv").matches("[x].csv"), "brackets are literal");
        assertTrue(NameGlob.of("a.b*").matches("a.bc"));
        assertFalse(NameGlob.of("a.b*").matches("aXbc"), "dots are literal");
    }

    @Test
    void literalPrefixNarrowsTheListing() {
        assertEquals("report-", NameGlob.of("report-*").literalPrefix());
        assertEquals("", NameGlob.of("*.csv").literalPrefix());
        assertEquals("a", NameGlob.of("a?*").literalPrefix());
        assertTrue(NameGlob.isPattern("x*"));
        assertFalse(NameGlob.isPattern("plain.txt"));
    }

    @Test
    void aHostilePatternIsStillAnswered() {
        String name = "a".repeat(1000);
        assertFalse(NameGlob.of("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b").matches(name));
    }
}
