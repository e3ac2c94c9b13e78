package io.ftpsbridge.datachannel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelConfig;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a client sends on a data connection, handed to the transfer as Netty read (and TLS decrypted) it.
 * <p>
 * A {@link NetSocket#handler} gets each read as a fresh heap copy (Vert.x copies pooled buffers before a user
 * handler may keep them): for an upload that was a copy and a heap allocation of every byte on its way into the
 * part buffers, and the largest source of garbage with many uploads at once (a 1 GiB upload allocated 1.25 GiB of
 * heap with it, 0.3 GiB without). Here the reader sees Netty's own buffer for the length of one call, and copies
 * only what it keeps. The price is flow control of our own: while the reader has no room the channel stops reading
 * (TCP then holds the client back), and what one read already decoded waits here in order; the end of the stream
 * waits behind it.
 * <p>
 * Bytes that arrive before a transfer takes the connection are kept as heap copies (a client may send a whole
 * small file and close before its STOR is even answered), at most {@link #EARLY_LIMIT} before reading stops. All
 * of this runs on the socket's context.
 */
public final class InboundBytes {

    static final int EARLY_LIMIT = 256 * 1024;

    private final ChannelConfig channel;
    private final Context context;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private long heldBytes;
    private Function<ByteBuffer, CompletionStage<Void>> reader;
    private Runnable endListener;
    private Consumer<Throwable> failureListener;
    /** The reader has no room: nothing is handed over, and the channel does not read, until it has. */
    private boolean waiting;
    private boolean ended;
    private boolean stopped;
    private boolean discarded;

    private InboundBytes(ChannelConfig channel, Context context) {
        this.channel = channel;
        this.context = context;
    }

    /** Takes over a freshly accepted data socket (on its context): its bytes wait here until {@link #read}. */
    static InboundBytes hold(NetSocket socket, Context context) {
        NetSocketInternal internal = (NetSocketInternal) socket;
        InboundBytes inbound = new InboundBytes(internal.channelHandlerContext().channel().config(), context);
        internal.messageHandler(inbound::received);
        // Only the end of the stream still passes through the socket's own queue; it must not wait there.
        socket.endHandler(v -> inbound.ended());
        socket.resume();
        return inbound;
    }

    /**
     * Hands every byte, in order, to {@code reader}: the buffer is valid during the call only, and the stage it
     * returns completes when there is room for more. {@code onEnd} runs once the client ended the stream and
     * every byte before the end was taken; {@code onFailure} when a stage failed (nothing more is handed over).
     */
    public void read(Function<ByteBuffer, CompletionStage<Void>> reader, Runnable onEnd, Consumer<Throwable> onFailure) {
        this.reader = reader;
        this.endListener = onEnd;
        this.failureListener = onFailure;
        drain();
    }

    /** Drops whatever is held; nothing more is handed over. Safe to call more than once. */
    public void discard() {
        discarded = true;
        reader = null;
        endListener = null;
        failureListener = null;
        releaseHeld();
    }

    private void received(Object message) {
        if (!(message instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (discarded) {
            buf.release();
            return;
        }
        if (reader == null) {
            // No transfer yet: keep a heap copy, so that nothing pooled is held for a transfer that may never come.
            ByteBuf copy = Unpooled.copiedBuffer(buf);
            buf.release();
            hold(copy);
            if (heldBytes > EARLY_LIMIT) {
                stopReading();
            }
            return;
        }
        if (waiting || !held.isEmpty()) {
            hold(buf);
            return;
        }
        handOver(buf);
    }

    private void hold(ByteBuf buf) {
        held.add(buf);
        heldBytes += buf.readableBytes();
    }

    /** Gives {@code buf} to the reader and releases it; stops reading if the reader has no room left. */
    private void handOver(ByteBuf buf) {
        CompletionStage<Void> room;
        try {
            room = reader.apply(buf.nioBufferCount() == 1
                    ? buf.nioBuffer()
                    : ByteBuffer.wrap(ByteBufUtil.getBytes(buf)));
        } finally {
            buf.release();
        }
        CompletableFuture<Void> f = room.toCompletableFuture();
        if (f.isDone() && !f.isCompletedExceptionally()) {
            return;
        }
        waiting = true;
        stopReading();
        Function<ByteBuffer, CompletionStage<Void>> current = reader;
        room.whenComplete((v, failure) -> context.runOnContext(x -> {
            if (reader != current) {
                return;  // discarded meanwhile
            }
            if (failure != null) {
                Consumer<Throwable> listener = failureListener;
                discard();
                listener.accept(failure);
                return;
            }
            waiting = false;
            drain();
        }));
    }

    private void drain() {
        while (!waiting && reader != null && !held.isEmpty()) {
            ByteBuf next = held.poll();
            heldBytes -= next.readableBytes();
            handOver(next);
        }
        if (waiting || reader == null) {
            return;
        }
        if (ended) {
            Runnable listener = endListener;
            endListener = null;
            if (listener != null) {
                listener.run();
            }
            return;
        }
        if (stopped) {
            stopped = false;
            channel.setAutoRead(true);
        }
    }

    private void ended() {
        ended = true;
        drain();
    }

    private void stopReading() {
        if (!stopped) {
            stopped = true;
            channel.setAutoRead(false);
        }
    }

    private void releaseHeld() {
        ByteBuf buf;
        while ((buf = held.poll()) != null) {
            buf.release();
        }
        heldBytes = 0;
    }
}
