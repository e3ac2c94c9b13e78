package io.ftpsbridge.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionRegistryTest {

    /**
     * Listeners on several event loops admit at the same moment, each before its connection is added: the total
     * must hold all the same. (A check of the registered connections' count let every one of them in.)
     */
    @Test
    void simultaneousAdmissionsStayWithinTheTotal() throws Exception {
        ConnectionRegistry registry = new ConnectionRegistry();
        int attempts = 64;
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<String>>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String address = "10.0.0." + (i % 4);
                answers.add(threads.submit(() -> {
                    start.await();
                    return registry.admit(address, 100, 5);
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Optional<String>> answer : answers) {
                if (answer.get().isEmpty()) {
                    admitted++;
                } else {
                    assertEquals("Too many connections; try again later", answer.get().get());
                }
            }
            assertEquals(5, admitted);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRefusalForTheAddressGivesBackItsPlaceInTheTotal() {
        ConnectionRegistry registry = new ConnectionRegistry();
        assertEquals(Optional.empty(), registry.admit("10.0.0.1", 1, 2));
        assertEquals(Optional.of("Too many connections from your address; try again later"), registry.admit("10.0.0.1", 1, 2));
        assertEquals(Optional.empty(), registry.admit("10.0.0.2", 1, 2), "the refused one took no place");
        assertEquals(Optional.of("Too many connections; try again later"), registry.admit("10.0.0.3", 1, 2));
    }
}
