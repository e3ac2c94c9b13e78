package io.ftpsbridge.datachannel;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Passive ports: a session's own event loop's lane first, then any free port, then none; given once they listen. */
class PassivePortPoolTest {

    private static int reserve(PassivePortPool pool) {
        return PassiveDataChannel.open(pool, null, "127.0.0.1", false, session -> Optional.empty())
                .map(PassiveDataChannel::port).orElse(-1);
    }

    /** Reserves on a thread of its own, which has no lane. */
    private static int reserveElsewhere(PassivePortPool pool) {
        return CompletableFuture.supplyAsync(() -> reserve(pool), runnable -> new Thread(runnable).start()).join();
    }

    @Test
    void theCallingLoopsOwnPortsComeFirstThenAnyThenNone() {
        PassivePortPool pool = new PassivePortPool(new PortRange(30000, 30009));
        pool.addLane(Thread.currentThread(), new int[]{30001, 30004, 30007});
        Set<Integer> own = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            own.add(reserve(pool));
        }
        assertEquals(Set.of(30001, 30004, 30007), own);
        Set<Integer> rest = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            int port = reserve(pool);
            assertTrue(port >= 30000 && port <= 30009 && !own.contains(port), "port " + port);
            rest.add(port);
        }
        assertEquals(7, rest.size(), "each port once");
        assertEquals(-1, reserve(pool), "all ten taken");
        assertEquals(10, pool.inUse());
    }

    @Test
    void aThreadWithoutALaneGetsAnyFreePort() {
        PassivePortPool pool = new PassivePortPool(new PortRange(30000, 30001));
        pool.addLane(Thread.currentThread(), new int[]{30000});
        pool.addLane(Thread.currentThread(), new int[]{30001});
        assertEquals(1, pool.lanes(), "two grants to one loop make one lane");
        Set<Integer> ports = Set.of(reserveElsewhere(pool), reserveElsewhere(pool));
        assertEquals(Set.of(30000, 30001), ports);
        assertEquals(-1, reserveElsewhere(pool));
    }

    @Test
    void listeningCompletesOnceThePortsListenOrFailsWithWhyNot() {
        PassivePortPool pool = new PassivePortPool(new PortRange(30000, 30001));
        CompletableFuture<Void> listening = pool.listening().toCompletableFuture();
        assertFalse(listening.isDone(), "PASV waits while the listeners start");
        pool.listened(null);
        assertTrue(listening.isDone() && !listening.isCompletedExceptionally());

        PassivePortPool refused = new PassivePortPool(new PortRange(30000, 30001));
        IllegalStateException cause = new IllegalStateException("port 30001 taken");
        refused.listened(cause);
        CompletionException failure = assertThrows(CompletionException.class, () -> refused.listening().toCompletableFuture().join());
        assertSame(cause, failure.getCause());
    }

    @Test
    void aReleasedPortCanBeReservedAgain() {
        PassivePortPool pool = new PassivePortPool(new PortRange(30000, 30000));
        PassiveDataChannel channel = PassiveDataChannel.open(pool, null, "127.0.0.1", false, s -> Optional.empty())
                .orElseThrow();
        assertEquals(-1, reserve(pool));
        channel.release();
        assertEquals(30000, reserve(pool));
    }
}
