package org.ae4j.core.train;

import org.ae4j.core.ir.Node;
import org.ae4j.core.spi.Session;
import org.ae4j.core.util.Rng;

/**
 * What a {@link StepRunner} keeps when its session cannot revert ({@link Session#canRevert()} false: the backend
 * writes updates over the parameters), so that it can still hand back the parameters of one or two runs ago when a
 * loss turns non-finite. It keeps two windows of up to {@code window} runs each: every parameter's value where the
 * window starts, the noise generator's state there, and the rows of each run since. Rebuilding restores the start
 * of the window that holds the wanted run and reruns that window's runs up to it. Backends are deterministic, so
 * the values are bit for bit those a revert would give; the cost, a copy of the parameters every {@code window}
 * runs, is paid instead of keeping every run's previous values.
 */
final class ReplayLog {
    /** Runs per window: a copy of the parameters every 256 runs costs well under 1 % of a step. */
    static final int WINDOW = 256;

    /** Reruns one step on the given rows, drawing its noise from the generator, as the step did. */
    interface Rerun {
        void run(int[] rows, Rng noiseRng);
    }

    private final Session session;
    private final Node[] params;
    private final int batch;
    private final int window;
    private final float[][][] saved = new float[2][][]; // [window][parameter]
    private final long[] noiseState = new long[2];
    private final int[][][] rows;
    private final int[] start = new int[2];
    private final int[] count = new int[2];
    private final boolean[] valid = new boolean[2];
    private int current;

    ReplayLog(Session session, Node[] params, int batch, int window) {
        if (window < 2) {
            throw new IllegalArgumentException("window: expected at least 2 runs, got " + window);
        }
        this.session = session;
        this.params = params;
        this.batch = batch;
        this.window = window;
        this.rows = new int[2][window][batch];
        // Both copies up front: a run allocates nothing, and the memory is what the two slots a reverting session
        // keeps per parameter would take.
        for (int w = 0; w < 2; w++) {
            saved[w] = new float[params.length][];
            for (int i = 0; i < params.length; i++) {
                saved[w][i] = new float[params[i].shape().size()];
            }
        }
    }

    /** Forgets every window: the parameters were just loaded, and nothing before may be rebuilt. */
    void reset() {
        valid[0] = false;
        valid[1] = false;
    }

    /**
     * Records a run about to start on rows {@code order[from …]}, {@code runsSinceLoad} runs after the last load;
     * at the start of a window, first copies every parameter and the noise generator's state.
     */
    void beforeRun(int runsSinceLoad, int[] order, int from, Rng noiseRng) {
        if (!valid[current] || count[current] == window) {
            if (valid[current]) {
                current = 1 - current;
            }
            save(current);
            noiseState[current] = noiseRng.state();
            start[current] = runsSinceLoad;
            count[current] = 0;
            valid[current] = true;
        }
        System.arraycopy(order, from, rows[current][count[current]], 0, batch);
        count[current]++;
    }

    /**
     * Puts the session's parameters back to their values after {@code runs} runs since the last load, which must
     * be no earlier than the older window's start and no later than the runs recorded.
     */
    void rebuild(int runs, Rng noiseRng, Rerun rerun) {
        int w = valid[current] && start[current] <= runs ? current : 1 - current;
        if (!valid[w] || runs < start[w] || runs - start[w] > count[w]) {
            throw new IllegalStateException("cannot rebuild the parameters after run " + runs + " since the last "
                    + "load: the windows kept start at runs " + (valid[0] ? start[0] : "-") + " and "
                    + (valid[1] ? start[1] : "-"));
        }
        for (int i = 0; i < params.length; i++) {
            session.setParameter(params[i], saved[w][i]);
        }
        noiseRng.setState(noiseState[w]);
        for (int r = 0; r < runs - start[w]; r++) {
            rerun.run(rows[w][r], noiseRng);
        }
    }

    private void save(int w) {
        for (int i = 0; i < params.length; i++) {
            session.getParameter(params[i], saved[w][i]);
        }
    }
}
