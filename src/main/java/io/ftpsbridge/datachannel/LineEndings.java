package io.ftpsbridge.datachannel;

import java.nio.ByteBuffer;

/**
 * TYPE A line-end conversion (RFC 959 §3.1.1.1): the network form ends lines with CRLF, the stored form with LF.
 * Works chunk by chunk on a stream; a CR at the end of one chunk waits to see whether an LF begins the next.
 * One instance serves one transfer in one direction.
 */
public final class LineEndings {

    private final boolean toNetwork;
    private boolean previousWasCr;

    private LineEndings(boolean toNetwork) {
        this.toNetwork = toNetwork;
    }

    /** For RETR: LF becomes CRLF (an LF that already follows a CR is left alone). */
    public static LineEndings toNetwork() {
        return new LineEndings(true);
    }

    /** For STOR: CRLF becomes LF; a CR not followed by LF is kept. */
    public static LineEndings fromNetwork() {
        return new LineEndings(false);
    }

    public ByteBuffer convert(ByteBuffer in) {
        ByteBuffer out = ByteBuffer.allocate(toNetwork ? in.remaining() * 2 : in.remaining() + 1);
        while (in.hasRemaining()) {
            byte b = in.get();
            if (toNetwork) {
                if (b == '\n' && !previousWasCr) {
                    out.put((byte) '\r');
                }
                out.put(b);
            } else if (previousWasCr && b != '\n') {
                out.put((byte) '\r');
                if (b != '\r') {
                    out.put(b);
                }
            } else if (b != '\r') {
                out.put(b);
            }
            previousWasCr = b == '\r';
        }
        return out.flip();
    }

    /** What is held back at the end of the stream: a final CR of an upload. */
    public ByteBuffer finish() {
        boolean heldCr = !toNetwork && previousWasCr;
        previousWasCr = false;
        return heldCr ? ByteBuffer.wrap(new byte[]{'\r'}) : ByteBuffer.allocate(0);
    }
}
