package io.ftpsbridge.protocol;

import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits the control stream into lines. CRLF ends a line (RFC 959 §4.1); a bare LF is accepted too, since
 * scripts send it. A line longer than the limit is dropped up to its end and reported once; bytes that are not
 * UTF-8 are reported, never decoded into something else (RFC 2640 §2.2).
 */
final class LineReader {

    /** What came out of the stream. */
    sealed interface Event permits Line, TooLong, NotUtf8 {
    }

    record Line(String text) implements Event {
    }

    record TooLong() implements Event {
    }

    record NotUtf8() implements Event {
    }

    private final int maxLength;
    private final Consumer<Event> events;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private Buffer partial = Buffer.buffer();
    private boolean discarding;

    LineReader(int maxLength, Consumer<Event> events) {
        this.maxLength = maxLength;
        this.events = events;
    }

    void feed(Buffer data) {
        int from = 0;
        for (int i = 0; i < data.length(); i++) {
            if (data.getByte(i) == '\n') {
                take(data, from, i);
                from = i + 1;
                end();
            }
        }
        take(data, from, data.length());
    }

    /** Forgets what is buffered: after AUTH TLS, plaintext sent behind the command must never run. */
    void reset() {
        partial = Buffer.buffer();
        discarding = false;
    }

    /** Telnet IAC, IP and DM, which clients send before ABOR as the "Synch" of RFC 959 §4.1.3. */
    private static boolean isTelnetControl(byte b) {
        return b == (byte) 0xFF || b == (byte) 0xF4 || b == (byte) 0xF2;
    }

    private void take(Buffer data, int from, int to) {
        if (discarding || from >= to) {
            return;
        }
        // The limit counts CRLF; the LF is never buffered, so the bytes before it may reach maxLength - 1.
        if (partial.length() + (to - from) >= maxLength) {
            partial = Buffer.buffer();
            discarding = true;
            return;
        }
        partial.appendBuffer(data, from, to - from);
    }

    private void end() {
        if (discarding) {
            discarding = false;
            events.accept(new TooLong());
            return;
        }
        Buffer line = partial;
        partial = Buffer.buffer();
        int length = line.length();
        if (length > 0 && line.getByte(length - 1) == '\r') {
            length--;
        }
        int start = 0;
        while (start < length && isTelnetControl(line.getByte(start))) {
            start++;
        }
        try {
            CharBuffer text = decoder.reset().decode(ByteBuffer.wrap(line.getBytes(start, length)));
            events.accept(new Line(text.toString()));
        } catch (CharacterCodingException e) {
            events.accept(new NotUtf8());
        }
    }
}
