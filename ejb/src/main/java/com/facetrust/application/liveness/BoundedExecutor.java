package com.facetrust.application.liveness;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a shared executor (the server's managed executor) with at most {@code limit} of them at once: the
 * frames of a challenge are analysed in parallel on the machine's cores without one request taking the whole shared
 * pool, and the inference threads of ONNX Runtime are not oversubscribed (issue 6 speed target; docs/performance.md).
 * Tasks beyond the limit wait in a queue and are picked up by the workers already running.
 */
final class BoundedExecutor implements Executor {

    private final Executor delegate;
    private final int limit;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger workers = new AtomicInteger();

    BoundedExecutor(Executor delegate, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.limit = limit;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(Objects.requireNonNull(task, "task"));
        startWorkerIfRoom();
    }

    private void startWorkerIfRoom() {
        while (true) {
            int running = workers.get();
            if (running >= limit || queue.isEmpty()) {
                return;
            }
            if (workers.compareAndSet(running, running + 1)) {
                try {
                    delegate.execute(this::drain);
                } catch (RuntimeException e) {
                    workers.decrementAndGet();
                    throw e;
                }
                return;
            }
        }
    }

    private void drain() {
        try {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
        } finally {
            workers.decrementAndGet();
            // A task queued between the last poll and the decrement would otherwise wait for the next execute().
            startWorkerIfRoom();
        }
    }
}
