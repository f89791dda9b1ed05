package org.ae4j.backend.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of daemon threads that runs the chunks of one parallel loop at a time, together with the calling
 * thread. Threads block (never spin) between loops, and a loop allocates nothing. Chunks are claimed dynamically,
 * so callers must make each chunk's result independent of which thread runs it; the worker index only selects
 * per-thread scratch space.
 *
 * <p>When the pool is already busy (another session on another thread, or a loop nested in a chunk), the caller
 * runs every chunk itself.
 */
final class WorkerPool implements AutoCloseable {
    /** One parallel loop body. */
    interface Task {
        /** Runs chunk {@code chunk}; {@code worker} is in [0, parallelism) and unique among concurrent calls. */
        void runChunk(int chunk, int worker);
    }

    private final Thread[] workers;
    private final Object lock = new Object();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger nextChunk = new AtomicInteger();
    private long generation; // guarded by lock
    private Task task; // guarded by lock
    private int chunks; // guarded by lock
    private int running; // guarded by lock
    private Throwable failure; // guarded by lock
    private boolean closed; // guarded by lock

    /** A pool whose loops run on {@code parallelism} threads: the caller and parallelism − 1 daemon workers. */
    WorkerPool(int parallelism, String namePrefix) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: expected >= 1, got " + parallelism);
        }
        workers = new Thread[parallelism - 1];
        for (int i = 0; i < workers.length; i++) {
            int index = i + 1;
            Thread t = new Thread(() -> workerLoop(index), namePrefix + index);
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
            synchronized (lock) {
                if (closed) {
                    throw new IllegalStateException("the cpu backend is closed");
                }
                task = t;
                chunks = n;
                failure = null;
                nextChunk.set(0);
                running = workers.length;
                generation++;
                lock.notifyAll();
            }
            Throwable own = null;
            try {
                drain(t, n, 0);
            } catch (Throwable e) {
                own = e;
                nextChunk.set(n);
            }
            boolean interrupted = false;
            synchronized (lock) {
                while (running > 0) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                task = null;
                if (own == null) {
                    own = failure;
                }
                failure = null;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
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

    private void workerLoop(int index) {
        long seen = 0;
        while (true) {
            Task t;
            int n;
            synchronized (lock) {
                while (generation == seen && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // Only close() ends a worker.
                    }
                }
                if (closed) {
                    return;
                }
                seen = generation;
                t = task;
                n = chunks;
            }
            Throwable error = null;
            try {
                drain(t, n, index);
            } catch (Throwable e) {
                error = e;
                nextChunk.set(n);
            }
            synchronized (lock) {
                if (error != null && failure == null) {
                    failure = error;
                }
                if (--running == 0) {
                    lock.notifyAll();
                }
            }
        }
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
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
