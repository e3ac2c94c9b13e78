package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.s3.UploadBufferBudget.Claim;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadBufferBudgetTest {

    @Test
    void grantsWhatFitsAndQueuesTheRest() {
        UploadBufferBudget budget = new UploadBufferBudget(10);
        Claim a = budget.claim(6);
        Claim b = budget.claim(6);
        assertTrue(a.isGranted());
        assertFalse(b.isGranted());
        assertEquals(6, budget.reserved());
        assertEquals(1, budget.waiting());
        a.close();
        assertTrue(b.isGranted(), "released bytes go to the waiting claim");
        assertEquals(6, budget.reserved());
        b.close();
        assertEquals(0, budget.reserved());
        assertEquals(6, budget.peakReserved());
    }

    @Test
    void waitingClaimsAreServedFirstComeFirstServed() {
        UploadBufferBudget budget = new UploadBufferBudget(10);
        Claim holder = budget.claim(8);
        Claim big = budget.claim(10);
        Claim small = budget.claim(1);
        // 2 bytes are free, but the small claim came after the big one: it may not overtake it (no starvation).
        assertFalse(small.isGranted());
        assertFalse(big.isGranted());
        holder.close();
        assertTrue(big.isGranted());
        assertFalse(small.isGranted());
        big.close();
        assertTrue(small.isGranted());
        small.close();
        assertEquals(0, budget.reserved());
    }

    @Test
    void releasedBytesServeSeveralWaitersAtOnce() {
        UploadBufferBudget budget = new UploadBufferBudget(10);
        Claim holder = budget.claim(10);
        Claim first = budget.claim(4);
        Claim second = budget.claim(5);
        Claim third = budget.claim(2);
        holder.close();
        assertTrue(first.isGranted() && second.isGranted());
        assertFalse(third.isGranted(), "9 of 10 bytes taken");
        first.close();
        assertTrue(third.isGranted());
    }

    @Test
    void aWithdrawnClaimLeavesTheQueueAndAGrantedOneGivesItsBytesBack() {
        UploadBufferBudget budget = new UploadBufferBudget(10);
        Claim holder = budget.claim(10);
        Claim aborted = budget.claim(10);
        Claim next = budget.claim(3);
        aborted.close();
        assertTrue(aborted.granted().toCompletableFuture().isCompletedExceptionally(), "a withdrawn claim fails");
        assertEquals(1, budget.waiting());
        holder.close();
        assertTrue(next.isGranted(), "the withdrawn claim does not block those behind it");
        next.close();
        next.close();
        aborted.close();
        assertEquals(0, budget.reserved(), "closing twice gives back once");
        assertEquals(0, budget.waiting());
    }

    @Test
    void aClaimLargerThanTheBudgetIsRefused() {
        UploadBufferBudget budget = new UploadBufferBudget(10);
        assertThrows(IllegalArgumentException.class, () -> budget.claim(11));
    }

    @Test
    void manyThreadsNeverHoldMoreThanTheBudget() throws Exception {
        long capacity = 100;
        UploadBufferBudget budget = new UploadBufferBudget(capacity);
        AtomicLong held = new AtomicLong();
        AtomicLong peakSeen = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(pool.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    long bytes = ThreadLocalRandom.current().nextLong(1, 40);
                    Claim claim = budget.claim(bytes);
                    CountDownLatch granted = new CountDownLatch(1);
                    claim.granted().thenRun(granted::countDown);
                    if (!granted.await(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("claim of " + bytes + " never granted");
                    }
                    peakSeen.accumulateAndGet(held.addAndGet(bytes), Math::max);
                    held.addAndGet(-bytes);
                    claim.close();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(0, budget.reserved());
        assertEquals(0, budget.waiting());
        assertTrue(budget.peakReserved() <= capacity, "peak " + budget.peakReserved());
        assertTrue(peakSeen.get() <= capacity, "held at once " + peakSeen.get());
    }
}
