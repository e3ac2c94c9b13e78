package io.ftpsbridge.protocol;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class LineReaderTest {

    private final List<LineReader.Event> events = new ArrayList<>();
    private final LineReader reader = new LineReader(20, events::add);

    @Test
    void splitsOnCrlfAndLfAcrossChunks() {
        reader.feed(Buffer.buffer("USER al"));
        reader.feed(Buffer.buffer("ice\r\nPASS x\nNO"));
        reader.feed(Buffer.buffer("OP\r\n"));
        assertEquals(List.of(new LineReader.Line("USER alice"), new LineReader.Line("PASS x"), new LineReader.Line("NOOP")), events);
    }

    @Test
    void reportsTooLongLinesOnceAndCarriesOn() {
        reader.feed(Buffer.buffer("X".repeat(15)));
        reader.feed(Buffer.buffer("X".repeat(15) + "\r\nNOOP\r\n"));
        assertInstanceOf(LineReader.TooLong.class, events.get(0));
        assertEquals(new LineReader.Line("NOOP"), events.get(1));
    }

    @Test
    void theLimitCountsTheCrlf() {
        reader.feed(Buffer.buffer("X".repeat(18) + "\r\n" + "Y".repeat(19) + "\r\n" + "Z".repeat(19) + "\n"));
        assertEquals(new LineReader.Line("X".repeat(18)), events.get(0), "20 bytes with CRLF");
        assertInstanceOf(LineReader.TooLong.class, events.get(1), "21 bytes with CRLF");
        assertEquals(new LineReader.Line("Z".repeat(19)), events.get(2), "20 bytes with a bare LF");
        assertEquals(3, events.size());
    }

    @Test
    void reportsInvalidUtf8AndStripsTelnetSynch() {
        reader.feed(Buffer.buffer(new byte[]{'A', (byte) 0xC3, '\r', '\n', (byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2, 'A', 'B', 'O', 'R', '\r', '\n'}));
        assertInstanceOf(LineReader.NotUtf8.class, events.get(0));
        assertEquals(new LineReader.Line("ABOR"), events.get(1));
    }

    @Test
    void resetDropsWhatIsBuffered() {
        reader.feed(Buffer.buffer("USER eve"));
        reader.reset();
        reader.feed(Buffer.buffer("\r\n"));
        assertEquals(List.of(new LineReader.Line("")), events);
    }

    @Test
    void commandLineSplitsVerbAndArgumentAndHidesPasswords() {
        CommandLine line = CommandLine.parse("stor my file.txt");
        assertEquals("STOR", line.verb());
        assertEquals("my file.txt", line.argument());
        assertEquals("PASS ****", CommandLine.parse("PASS secret").forLog());
        assertEquals("", CommandLine.parse("NOOP").argument());
    }
}
