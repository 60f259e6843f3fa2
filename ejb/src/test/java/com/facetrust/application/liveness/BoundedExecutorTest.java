package com.facetrust.application.liveness;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-request bound on parallel frame analysis: never more than the limit at once, every task runs. */
class BoundedExecutorTest {

    @Test
    void runsEveryTaskWithAtMostLimitAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            BoundedExecutor bounded = new BoundedExecutor(pool, 2);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            CompletableFuture<?>[] futures = new CompletableFuture<?>[40];
            for (int i = 0; i < futures.length; i++) {
                futures[i] = CompletableFuture.runAsync(() -> {
                    int now = running.incrementAndGet();
                    peak.accumulateAndGet(now, Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.incrementAndGet();
                }, bounded);
            }
            CompletableFuture.allOf(futures).get(10, TimeUnit.SECONDS);
            assertEquals(40, done.get());
            assertTrue(peak.get() <= 2, "peak " + peak.get());
            assertEquals(2, peak.get(), "both workers were used");
        } finally {
            pool.shutdownNow();
        }
    }
}
