package io.ftpsbridge.datachannel;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineEndingsTest {

    private static String run(LineEndings conversion, String... chunks) {
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks) {
            out.append(StandardCharsets.ISO_8859_1.decode(conversion.convert(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.ISO_8859_1)))));
        }
        out.append(StandardCharsets.ISO_8859_1.decode(conversion.finish()));
        return out.toString();
    }

    @Test
    void storeTurnsCrlfIntoLfAcrossChunks() {
        assertEquals("a\nb\n", run(LineEndings.fromNetwork(), "a\r\nb\r\n"));
        assertEquals("a\nb\n", run(LineEndings.fromNetwork(), "a\r", "\nb\r", "\n"));
        assertEquals("a\rb\r\r\n", run(LineEndings.fromNetwork(), "a\rb\r", "\r\r\n"));
        assertEquals("end\r", run(LineEndings.fromNetwork(), "end\r"));
    }

    @Test
    void retrieveTurnsLfIntoCrlfOnce() {
        assertEquals("a\r\nb\r\n", run(LineEndings.toNetwork(), "a\nb\n"));
        assertEquals("a\r\nb\r\n", run(LineEndings.toNetwork(), "a\r", "\nb\n"));
        assertEquals("\r\n\r\n", run(LineEndings.toNetwork(), "\n", "\n"));
    }
}
