package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void everyChunkRunsExactlyOnceOnAValidWorker() {
        try (WorkerPool pool = new WorkerPool(3, "pool-test-")) {
            for (int rep = 0; rep < 200; rep++) {
                int n = 1 + rep % 17;
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                pool.parallelFor((chunk, worker) -> {
                    assertTrue(worker >= 0 && worker < 3);
                    hits.incrementAndGet(chunk);
                }, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "chunk " + i + " of " + n);
                }
            }
        }
    }

    @Test
    void aFailingChunkIsRethrownToTheCaller() {
        try (WorkerPool pool = new WorkerPool(2, "pool-test-")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.parallelFor((c, w) -> {
                if (c == 5) {
                    throw new IllegalStateException("chunk 5 failed");
                }
            }, 8));
            assertEquals("chunk 5 failed", e.getMessage());
            int[] count = new int[1];
            pool.parallelFor((c, w) -> {
                synchronized (count) {
                    count[0]++;
                }
            }, 4);
            assertEquals(4, count[0], "the pool still works after a failure");
        }
    }

    @Test
    void aNestedLoopRunsOnTheCallingThread() {
        try (WorkerPool pool = new WorkerPool(2, "pool-test-")) {
            AtomicIntegerArray inner = new AtomicIntegerArray(4);
            pool.parallelFor((c, w) -> pool.parallelFor((c2, w2) -> inner.incrementAndGet(c2), 4), 2);
            for (int i = 0; i < 4; i++) {
                assertEquals(2, inner.get(i));
            }
        }
    }

    @Test
    void threadsThatStoppedSpinningAreWokenForTheNextLoopAndWakeTheCaller() throws InterruptedException {
        long pause = WorkerPool.SPIN_NANOS / 1_000_000 + 5;
        try (WorkerPool pool = new WorkerPool(3, "pool-test-")) {
            for (int rep = 0; rep < 5; rep++) {
                // Longer than the spin: the workers are parked when the loop starts.
                Thread.sleep(pause);
                AtomicIntegerArray hits = new AtomicIntegerArray(6);
                AtomicIntegerArray byWorker = new AtomicIntegerArray(3);
                pool.parallelFor((c, w) -> {
                    byWorker.incrementAndGet(w);
                    hits.incrementAndGet(c);
                    if (w != 0) {
                        // A chunk outlasting the spin: the caller parks and the last worker must wake it.
                        try {
                            Thread.sleep(pause);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }, 6);
                for (int i = 0; i < 6; i++) {
                    assertEquals(1, hits.get(i), "chunk " + i);
                }
                assertEquals(6, byWorker.get(0) + byWorker.get(1) + byWorker.get(2));
            }
        }
    }

    @Test
    void parallelismMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0, "x"));
        assertEquals("parallelism: expected >= 1, got 0", e.getMessage());
    }
}
