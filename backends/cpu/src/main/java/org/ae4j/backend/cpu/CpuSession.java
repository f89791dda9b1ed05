package org.ae4j.backend.cpu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.spi.Session;

/**
 * A program compiled for the CPU: elementwise chains fused ({@link Fusion}), buffers planned once
 * ({@link MemoryPlan}), steps precomputed, so {@link #run()} walks an array of steps and allocates nothing.
 *
 * <p>Parameters with an update rotate through three slots: a run reads the current slot and writes the new values
 * into the next, then advances. Nothing is copied, the parameters stay intact if a run fails, and
 * {@link #revert(int)} can step back one or two runs. Parameters without an update live in one buffer and are not
 * affected by revert. Not thread-safe.
 *
 * <p>Opened in place ({@link CpuBackend#openInPlace}), a parameter whose update {@link MemoryPlan#inPlace} allows
 * has one buffer that its update overwrites (its three slots are the same array). A C2 step then streams through
 * about 15 MB instead of 26 (the weights and Adam's moments read and written in place, rather than read from one
 * slot and written to another), well within the 32 MB L3 here: 4.4–4.7 against 4.0–4.1 ms per step. Revert is
 * then impossible and throws.
 */
public final class CpuSession implements Session {
    private static final int SLOTS = 3;

    private final Program program;
    private final MemoryPlan plan;
    private final float[][] inputs;
    private final float[][] fixedParams;
    private final float[][][] slots; // [param][slot]; null for parameters without an update
    private final float[][] constants;
    private final float[][] pool;
    private final Step[][] steps; // [phase]
    private final Map<Node, Integer> outputIndex = new HashMap<>();
    private final float[][][] outputs; // [phase][output]
    private final boolean rotating;
    private final boolean revertible;
    private int phase;
    private int history;
    private int lastRunPhase = -1;
    private boolean closed;
    private final WorkerPool workers;
    private final InputCopy copy = new InputCopy();

    CpuSession(Program program, WorkerPool workers) {
        this(program, workers, false);
    }

    /** With {@code inPlace}, the updates that can be are written over their parameters (no revert). */
    CpuSession(Program program, WorkerPool workers, boolean inPlace) {
        this.program = program;
        this.workers = workers;
        this.plan = new MemoryPlan(program, inPlace);
        this.inputs = new float[plan.inputIndex.size()][];
        plan.inputIndex.forEach((n, i) -> inputs[i] = new float[n.shape().size()]);
        this.fixedParams = new float[plan.paramIndex.size()][];
        this.slots = new float[plan.paramIndex.size()][][];
        boolean anyUpdate = false;
        boolean overwrites = false;
        for (Map.Entry<Node, Integer> e : plan.paramIndex.entrySet()) {
            int p = e.getValue();
            int size = e.getKey().shape().size();
            if (plan.paramUpdated[p]) {
                if (plan.inPlace[p]) {
                    float[] one = new float[size];
                    slots[p] = new float[][] {one, one, one};
                    overwrites = true;
                } else {
                    slots[p] = new float[SLOTS][size];
                }
                anyUpdate = true;
            } else {
                fixedParams[p] = new float[size];
            }
        }
        this.rotating = anyUpdate;
        this.revertible = !overwrites;
        this.constants = new float[plan.constantIndex.size()][];
        plan.constantIndex.forEach((c, i) -> {
            float[] v = new float[c.shape().size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) c.valueAt(j);
            }
            constants[i] = v;
        });
        this.pool = new float[plan.poolCapacity.size()][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new float[plan.poolCapacity.get(i)];
        }
        Gemm.Workspace[] ws = StepCompiler.workspacesFor(plan.schedule, workers.parallelism());
        float[][][] scratch = new float[workers.parallelism()][plan.fusion.maxRegisters()][FusedStep.BLOCK];
        StepCompiler compiler = new StepCompiler(plan, ws, scratch, workers);
        int phases = rotating ? SLOTS : 1;
        this.steps = new Step[SLOTS][];
        List<Node> outs = program.outputs();
        for (int i = 0; i < outs.size(); i++) {
            outputIndex.putIfAbsent(outs.get(i), i);
        }
        this.outputs = new float[SLOTS][outs.size()][];
        for (int ph = 0; ph < SLOTS; ph++) {
            int current = ph;
            if (ph < phases) {
                steps[ph] = compiler.compile(n -> buffer(plan.locs.get(n), current),
                        p -> slots[p][(current + 1) % SLOTS]);
            } else {
                steps[ph] = steps[0];
            }
            for (int i = 0; i < outs.size(); i++) {
                outputs[ph][i] = buffer(plan.locs.get(outs.get(i)), current);
            }
        }
    }

    private float[] buffer(MemoryPlan.Loc loc, int ph) {
        return switch (loc.kind()) {
            case POOL -> pool[loc.index()];
            case INPUT -> inputs[loc.index()];
            case CONSTANT -> constants[loc.index()];
            case PARAM -> fixedParams[loc.index()];
            case SLOT -> slots[loc.index()][(ph + loc.rel()) % SLOTS];
        };
    }

    @Override
    public Program program() {
        return program;
    }

    @Override
    public void setParameter(Node parameter, float[] values) {
        int p = paramIndex(parameter);
        checkLength("parameter", parameter, values.length, "values");
        System.arraycopy(values, 0, currentParam(p), 0, values.length);
    }

    @Override
    public void getParameter(Node parameter, float[] dst) {
        int p = paramIndex(parameter);
        checkLength("parameter", parameter, dst.length, "floats in the destination");
        System.arraycopy(currentParam(p), 0, dst, 0, dst.length);
    }

    @Override
    public void setInput(Node input, float[] src, int offset) {
        float[] dst = inputBuffer(input);
        int size = input.shape().size();
        if (offset < 0 || offset > src.length || src.length - offset < size) {
            throw new IllegalArgumentException("input '" + input.name() + "' " + input.shape() + ": expected "
                    + size + " values from offset " + offset + ", but the source array has length " + src.length);
        }
        copyIn(src, null, offset, 1, size, dst);
    }

    /** The buffer of one of the program's inputs; throws naming the program's inputs for any other node. */
    private float[] inputBuffer(Node input) {
        checkOpen();
        Integer i = plan.inputIndex.get(input);
        if (i == null) {
            throw new IllegalArgumentException(describe(input) + " is not an input of this program; its inputs are "
                    + names(program.inputs()));
        }
        return inputs[i];
    }

    /**
     * Gathers the rows straight into the input buffer, split across the pool when there are enough of them: a
     * batch of 128 rows picked at random from 188 MB of data waits on memory, about 50 µs on one thread.
     */
    @Override
    public void setInputRows(Node input, float[] src, int[] rows, int from) {
        float[] dst = inputBuffer(input);
        int w = org.ae4j.core.spi.InputRows.check(input, src, rows, from);
        copyIn(src, rows, from, w, input.shape().dim(0), dst);
    }

    /**
     * Copies {@code count} rows of {@code width} floats into dst: rows {@code rows[from …]} of src, or with
     * {@code rows} null the floats from offset {@code from} on. Split across the pool when there are enough: a
     * batch of 1,024 Fashion-MNIST rows (3.2 MB) coming from a large array waits on memory, and one core alone
     * copied it at about 1.7 GB/s here.
     */
    private void copyIn(float[] src, int[] rows, int from, int width, int count, float[] dst) {
        int chunks = (long) count * width >= InputCopy.PARALLEL_MIN_FLOATS ? Math.min(count, workers.parallelism()) : 1;
        copy.set(src, rows, from, width, count, dst, chunks);
        if (chunks > 1) {
            workers.parallelFor(copy, chunks);
        } else {
            copy.runChunk(0, 0);
        }
        copy.set(null, null, 0, 0, 0, null, 1);
    }

    /**
     * Copies rows of a source into an input buffer; chunk c of C copies the c-th of C equal runs of rows (listed
     * rows, or with {@code rows} null a contiguous run of the source from float {@code from}).
     */
    private static final class InputCopy implements WorkerPool.Task {
        static final long PARALLEL_MIN_FLOATS = 1 << 15;
        private float[] src;
        private int[] rows;
        private int from;
        private int width;
        private int count;
        private float[] dst;
        private int chunks = 1;

        void set(float[] src, int[] rows, int from, int width, int count, float[] dst, int chunks) {
            this.chunks = chunks;
            this.src = src;
            this.rows = rows;
            this.from = from;
            this.width = width;
            this.count = count;
            this.dst = dst;
        }

        @Override
        public void runChunk(int chunk, int worker) {
            int lo = (int) ((long) count * chunk / chunks);
            int hi = (int) ((long) count * (chunk + 1) / chunks);
            if (rows == null) {
                System.arraycopy(src, from + lo * width, dst, lo * width, (hi - lo) * width);
                return;
            }
            for (int r = lo; r < hi; r++) {
                System.arraycopy(src, rows[from + r] * width, dst, r * width, width);
            }
        }
    }

    @Override
    public void run() {
        checkOpen();
        Step[] s = steps[phase];
        for (int i = 0; i < s.length; i++) {
            s[i].run();
        }
        advanceAfterManualRun();
    }

    @Override
    public void getOutput(Node output, float[] dst) {
        float[] src = outputBuffer(output);
        checkLength("output", output, dst.length, "floats in the destination");
        System.arraycopy(src, 0, dst, 0, dst.length);
    }

    @Override
    public float scalarOutput(Node output) {
        float[] src = outputBuffer(output);
        if (output.shape().size() != 1) {
            throw new IllegalArgumentException("output " + describe(output) + ": expected a scalar, got shape "
                    + output.shape());
        }
        return src[0];
    }

    @Override
    public void revert(int runs) {
        checkOpen();
        if (!revertible) {
            throw new IllegalStateException("cannot revert: this session was opened in place and writes updates over "
                    + "the parameters' values");
        }
        if (runs < 1 || runs > SLOTS - 1) {
            throw new IllegalArgumentException("runs: expected 1 or 2, got " + runs);
        }
        if (runs > history) {
            throw new IllegalStateException("cannot revert " + runs + " run(s): only " + history
                    + " run(s) since the session was opened or last reverted");
        }
        if (rotating) {
            phase = (phase + SLOTS - runs) % SLOTS;
        }
        history -= runs;
    }

    @Override
    public boolean canRevert() {
        return revertible;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Floats held by the planned intermediate buffers (for tests and logs). */
    long plannedFloats() {
        return plan.poolFloats();
    }

    /** Number of steps a run executes. */
    int stepCount() {
        return steps[0].length;
    }

    /** The steps of the next run, for profiling. */
    Step[] nextSteps() {
        return steps[phase];
    }

    /** Advances the parameter phase as {@link #run()} does, after a caller ran {@link #nextSteps()} itself. */
    void advanceAfterManualRun() {
        lastRunPhase = phase;
        if (rotating) {
            phase = (phase + 1) % SLOTS;
        }
        history = Math.min(history + 1, SLOTS - 1);
    }

    private float[] currentParam(int p) {
        return slots[p] != null ? slots[p][phase] : fixedParams[p];
    }

    private int paramIndex(Node parameter) {
        checkOpen();
        Integer p = plan.paramIndex.get(parameter);
        if (p == null) {
            throw new IllegalArgumentException(describe(parameter) + " is not a parameter of this program; its "
                    + "parameters are " + names(program.parameters()));
        }
        return p;
    }

    private float[] outputBuffer(Node output) {
        checkOpen();
        Integer i = outputIndex.get(output);
        if (i == null) {
            throw new IllegalArgumentException(describe(output) + " is not an output of this program ("
                    + program.outputs().size() + " outputs)");
        }
        if (lastRunPhase < 0) {
            throw new IllegalStateException("no output yet: run() has not been called");
        }
        return outputs[lastRunPhase][i];
    }

    private static void checkLength(String what, Node node, int found, String unit) {
        int size = node.shape().size();
        if (found != size) {
            throw new IllegalArgumentException(what + " " + describe(node) + " " + node.shape() + ": expected "
                    + size + " " + unit + ", got " + found);
        }
    }

    private static String describe(Node n) {
        if (n == null) {
            return "null";
        }
        return n.name() != null ? "'" + n.name() + "'" : n.toString();
    }

    private static String names(List<Node> nodes) {
        StringBuilder sb = new StringBuilder("[");
        for (Node n : nodes) {
            sb.append(sb.length() > 1 ? ", " : "").append(n.name());
        }
        return sb.append(']').toString();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
    }
}
