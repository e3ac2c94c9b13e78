package io.ftpsbridge.vfs;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * The bytes of a file being read: their count and a publisher that emits them as the reader asks for them.
 * Cancelling the subscription stops the read.
 */
public record ObjectContent(long length, Flow.Publisher<ByteBuffer> body) {
}
