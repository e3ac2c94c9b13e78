package io.ftpsbridge.vfs.s3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The bytes of one part while it fills and until S3 has answered for it, copied into pooled direct memory in
 * 64 KiB slabs. A part lives for seconds; kept on the heap, as the socket's buffers, it would survive young
 * collections and grow the old generation (and the process) with every busy minute. Slabs go back to the pool when
 * the part is released, so the same memory carries part after part, within the upload buffer budget.
 */
final class PartBuffer {

    static final int SLAB = 64 * 1024;
    private static final int HASH_AT_ONCE = 256 * 1024;

    private final ByteBufAllocator allocator;
    private final List<ByteBuf> slabs = new ArrayList<>();
    private long size;

    PartBuffer() {
        this(PooledByteBufAllocator.DEFAULT);
    }

    PartBuffer(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** Copies what {@code data} has left; its position moves to its limit. */
    void append(ByteBuffer data) {
        while (data.hasRemaining()) {
            ByteBuf slab = slabs.isEmpty() ? null : slabs.get(slabs.size() - 1);
            if (slab == null || !slab.isWritable()) {
                slab = allocator.directBuffer(SLAB, SLAB);
                slabs.add(slab);
            }
            int take = Math.min(data.remaining(), slab.writableBytes());
            slab.writeBytes(data.slice(data.position(), take));
            data.position(data.position() + take);
            size += take;
        }
    }

    long size() {
        return size;
    }

    /** Views of the bytes, for a request body; valid until {@link #release()}. */
    ByteBuffer[] body() {
        ByteBuffer[] views = new ByteBuffer[slabs.size()];
        for (int i = 0; i < views.length; i++) {
            ByteBuf slab = slabs.get(i);
            views[i] = slab.nioBuffer(slab.readerIndex(), slab.readableBytes()).asReadOnlyBuffer();
        }
        return views;
    }

    /**
     * The MD5 of the bytes (for Content-MD5), computed on {@code digests} so that hashing a part runs beside the
     * receiving of the next one rather than on the connection's thread. The buffer must not change, and must not be
     * released, before the result completes.
     */
    CompletableFuture<byte[]> md5(Executor digests) {
        ByteBuffer[] views = body();
        // A small part (a small file's only one) is hashed at once: the hand-over would cost more than the hash.
        return CompletableFuture.supplyAsync(() -> {
            MessageDigest md5 = MultipartUploadSink.md5();
            for (ByteBuffer view : views) {
                md5.update(view);
            }
            return md5.digest();
        }, size <= HASH_AT_ONCE ? Runnable::run : digests);
    }

    /** Gives the slabs back to the pool; the buffer is empty afterwards. Safe to call more than once. */
    synchronized void release() {
        for (ByteBuf slab : slabs) {
            slab.release();
        }
        slabs.clear();
        size = 0;
    }
}
