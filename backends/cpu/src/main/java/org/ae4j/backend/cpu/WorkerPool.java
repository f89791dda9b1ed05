package org.ae4j.backend.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of daemon threads that runs the chunks of one parallel loop at a time, together with the calling
 * thread. Chunks are claimed dynamically, so callers must make each chunk's result independent of which thread runs
 * it; the worker index only selects per-thread scratch space. A loop allocates nothing.
 *
 * <p>Between loops a thread waits by spinning (yielding) for at most {@link #SPIN_NANOS} and then parks. A training step is
 * a few dozen loops separated by short serial steps (tens of microseconds); waking a parked thread costs about as
 * much on a virtual machine, so the short spin is what lets a step hand work over ~30 times cheaply. The bound keeps
 * an idle pool from holding a core: after it, threads block until the next loop wakes them.
 *
 * <p>When the pool is already busy (another session on another thread, or a loop nested in a chunk), the caller
 * runs every chunk itself.
 */
final class WorkerPool implements AutoCloseable {
    /** How long a waiting thread spins before it parks (system property {@code ae4j.cpu.spinMicros}, default 200). */
    static final long SPIN_NANOS = Math.max(0, Long.getLong("ae4j.cpu.spinMicros", 200)) * 1000;

    /** One parallel loop body. */
    interface Task {
        /** Runs chunk {@code chunk}; {@code worker} is in [0, parallelism) and unique among concurrent calls. */
        void runChunk(int chunk, int worker);
    }

    private final Thread[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** 1 while worker i may be parked (set before its last look at {@link #generation}). */
    private final AtomicIntegerArray parked;
    // Written by the loop's caller before it publishes the loop by incrementing generation (a volatile write).
    private Task task;
    private int chunks;
    private Thread caller;
    private volatile long generation;
    private volatile boolean callerParked;
    private volatile boolean closed;

    /** A pool whose loops run on {@code parallelism} threads: the caller and parallelism − 1 daemon workers. */
    WorkerPool(int parallelism, String namePrefix) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: expected >= 1, got " + parallelism);
        }
        workers = new Thread[parallelism - 1];
        parked = new AtomicIntegerArray(workers.length);
        for (int i = 0; i < workers.length; i++) {
            int index = i;
            Thread t = new Thread(() -> workerLoop(index), namePrefix + (index + 1));
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** The number of threads a loop runs on, the caller included. */
    int parallelism() {
        return workers.length + 1;
    }

    /** Runs {@code task} for chunks 0 … chunks−1 and returns when all are done; rethrows the first failure. */
    void parallelFor(Task t, int n) {
        if (n <= 0) {
            return;
        }
        if (workers.length == 0 || n == 1 || !busy.compareAndSet(false, true)) {
            for (int i = 0; i < n; i++) {
                t.runChunk(i, 0);
            }
            return;
        }
        try {
            if (closed) {
                throw new IllegalStateException("the cpu backend is closed");
            }
            task = t;
            chunks = n;
            caller = Thread.currentThread();
            failure.set(null);
            nextChunk.set(0);
            running.set(workers.length);
            generation++; // publishes the fields above; only the holder of busy writes it
            for (int i = 0; i < workers.length; i++) {
                if (parked.get(i) == 1) {
                    LockSupport.unpark(workers[i]);
                }
            }
            Throwable own = null;
            try {
                drain(t, n, 0);
            } catch (Throwable e) {
                own = e;
                nextChunk.set(n);
            }
            awaitWorkers();
            task = null;
            Throwable theirs = failure.getAndSet(null);
            if (own == null) {
                own = theirs;
            }
            if (own != null) {
                throw propagate(own);
            }
        } finally {
            busy.set(false);
        }
    }

    private void drain(Task t, int n, int worker) {
        int c;
        while ((c = nextChunk.getAndIncrement()) < n) {
            t.runChunk(c, worker);
        }
    }

    /** Waits until every worker has finished the current loop: spins, then parks; keeps an interrupt pending. */
    private void awaitWorkers() {
        long start = System.nanoTime();
        boolean interrupted = false;
        int spins = 0;
        while (running.get() > 0) {
            if (spins >= 0) {
                spins = spin(spins, start);
                continue;
            }
            callerParked = true;
            if (running.get() > 0) {
                LockSupport.park(this);
            }
            callerParked = false;
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void workerLoop(int index) {
        long seen = 0;
        while (true) {
            long g = awaitLoop(seen, index);
            if (closed) {
                return;
            }
            seen = g;
            Task t = task;
            int n = chunks;
            Thread owner = caller;
            try {
                drain(t, n, index + 1);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                nextChunk.set(n);
            }
            if (running.decrementAndGet() == 0 && callerParked) {
                LockSupport.unpark(owner);
            }
        }
    }

    /** Waits for a generation other than {@code seen} (or close): spins, then parks. Only close() ends a worker. */
    private long awaitLoop(long seen, int index) {
        long start = System.nanoTime();
        int spins = 0;
        while (true) {
            long g = generation;
            if (g != seen || closed) {
                return g;
            }
            if (spins >= 0) {
                spins = spin(spins, start);
                continue;
            }
            parked.set(index, 1);
            if (generation == seen && !closed) {
                LockSupport.park(this);
            }
            parked.set(index, 0);
            Thread.interrupted();
        }
    }

    /**
     * One round of a bounded spin; returns the next round, or −1 once the spin has lasted {@link #SPIN_NANOS}. A
     * round yields rather than pauses: when another process holds the other core, a pausing spin keeps our worker
     * (or the caller) from running on this one, and a C1 step took 6.9 ms instead of 4.2 ms with blocking waits;
     * yielding costs nothing measurable on a quiet machine (2.2 ms).
     */
    private static int spin(int spins, long start) {
        Thread.yield();
        if ((++spins & 15) == 0 && System.nanoTime() - start > SPIN_NANOS) {
            return -1;
        }
        return spins;
    }

    private static RuntimeException propagate(Throwable e) {
        if (e instanceof RuntimeException re) {
            return re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(e);
    }

    /** Stops the workers; a loop started afterwards fails. */
    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
