package io.ftpsbridge.vfs.s3;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Runs an asynchronous step over many items, a fixed number at a time: bounded concurrency against S3. */
final class Lanes {

    private Lanes() {
    }

    /** Runs {@code step} on every item, {@code lanes} at a time; fails if any step failed, once all have ended. */
    static <T> CompletableFuture<Void> run(List<T> items, int lanes, Function<T, CompletionStage<?>> step) {
        Iterator<T> next = List.copyOf(items).iterator();
        Object lock = new Object();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int lane = 0; lane < Math.max(1, lanes); lane++) {
            running.add(drain(next, lock, step));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    }

    private static <T> CompletableFuture<Void> drain(Iterator<T> next, Object lock, Function<T, CompletionStage<?>> step) {
        T item;
        synchronized (lock) {
            if (!next.hasNext()) {
                return CompletableFuture.completedFuture(null);
            }
            item = next.next();
        }
        return step.apply(item).toCompletableFuture().thenCompose(done -> drain(next, lock, step));
    }
}
