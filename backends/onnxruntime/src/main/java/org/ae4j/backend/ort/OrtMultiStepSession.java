package org.ae4j.backend.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;

/**
 * A training program run {@link #steps()} steps per call on ONNX Runtime, as one ONNX {@code Loop}
 * ({@link OnnxLoopLowering}). Open one with {@link OrtBackend#openSteps(Program, int)}.
 *
 * <p>Use it like a {@link org.ae4j.core.spi.Session}, with a step index: fill every input for each of the K steps
 * ({@link #setInput(Node, int, float[], int)}: step k's batch, step k's noise), {@link #run()} once, and read each
 * output of step k ({@link #scalarOutput(Node, int)}). A run is exactly K consecutive single-step runs on those
 * inputs: parameters and optimizer state are carried from step to step inside ORT and come back once, at the end.
 * {@link #run(int)} takes fewer steps, from the same session.
 *
 * <p>Storage is as in the single-step session: direct buffers wrapped once in tensors, outputs pinned, the call
 * prepared once, updated parameters rotating through three slots so that {@link #revert(int)} can restore the
 * parameters before the last one or two runs (K steps each). Not thread-safe.
 */
public final class OrtMultiStepSession implements AutoCloseable {
    private static final int SLOTS = 3;

    private final Program program;
    private final int steps;
    private final OrtEnvironment env;
    private final ai.onnxruntime.OrtSession session;
    private final SessionOptions options;
    private final OnnxLowering.LoweredProgram lowered;
    private final List<OnnxTensor> owned = new ArrayList<>();
    private final Map<Node, TensorSlots> inputs = new HashMap<>();
    private final Map<Node, TensorSlots> params = new HashMap<>();
    private final Map<Node, TensorSlots> outputs = new HashMap<>();
    /** runs[phase][k]: the prepared run of k steps from slot phase; made on first use of k. */
    private final PinnedRun[][] runs;
    /** outputViews[i][k]: output i's first k steps. */
    private final OnnxTensor[][] outputViews;
    /** trips[k]: the trip count k. */
    private final OnnxTensor[] trips;
    private int phase;
    private int history;
    /** Steps of the last run; 0 before the first. */
    private int lastSteps;
    private boolean closed;

    /** Takes ownership of the native session and options: they are closed with this session, or now if this fails. */
    OrtMultiStepSession(Program program, OnnxLowering.LoweredProgram lowered, int steps, OrtEnvironment env,
                        ai.onnxruntime.OrtSession session, SessionOptions options) {
        this.program = program;
        this.steps = steps;
        this.env = env;
        this.session = session;
        this.options = options;
        this.lowered = lowered;
        this.runs = new PinnedRun[SLOTS][steps + 1];
        this.outputViews = new OnnxTensor[lowered.outputs().size()][steps + 1];
        this.trips = new OnnxTensor[steps + 1];
        try {
            for (Node in : program.inputs()) {
                inputs.put(in, TensorSlots.allocate(env, OnnxLoopLowering.stacked(steps, in.shape()), 1, owned));
            }
            for (Node p : program.parameters()) {
                params.put(p, TensorSlots.allocate(env, p.shape(), program.updates().containsKey(p) ? SLOTS : 1, owned));
            }
            for (Node out : lowered.outputs()) {
                outputs.put(out, TensorSlots.allocate(env, OnnxLoopLowering.stacked(steps, out.shape()), 1, owned));
            }
            prepare(steps);
        } catch (OrtException | RuntimeException e) {
            close();
            throw new IllegalStateException("onnxruntime: could not allocate the session's tensors: " + e.getMessage(), e);
        }
    }

    /**
     * Prepares runs of k steps, once per k: the trip count k, and each output as a view of the first k steps of its
     * buffer (a tensor over a slice of the same direct buffer, so ORT writes where {@link #getOutput} reads).
     */
    private void prepare(int k) throws OrtException {
        if (runs[0][k] != null) {
            return;
        }
        LongBuffer count = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        count.put(0, k);
        trips[k] = OnnxTensor.createTensor(env, count, new long[0]);
        owned.add(trips[k]);
        for (int i = 0; i < lowered.outputs().size(); i++) {
            Node out = lowered.outputs().get(i);
            int n = out.shape().size();
            long[] dims = new long[out.shape().rank() + 1];
            dims[0] = k;
            for (int d = 0; d < out.shape().rank(); d++) {
                dims[d + 1] = out.shape().dim(d);
            }
            outputViews[i][k] = OnnxTensor.createTensor(env, outputs.get(out).buffers[0].slice(0, k * n), dims);
            owned.add(outputViews[i][k]);
        }
        for (int phase = 0; phase < SLOTS; phase++) {
            Map<String, OnnxTensor> feed = new HashMap<>();
            feed.put(OnnxLoopLowering.STEPS, trips[k]);
            for (Node in : program.inputs()) {
                feed.put(in.name(), inputs.get(in).tensors[0]);
            }
            for (Node p : program.parameters()) {
                TensorSlots s = params.get(p);
                feed.put(p.name(), s.tensors[s.slot(phase)]);
            }
            Map<String, OnnxTensor> out = new HashMap<>();
            for (int i = 0; i < lowered.outputs().size(); i++) {
                out.put(lowered.outputNames().get(i), outputViews[i][k]);
            }
            for (int i = 0; i < lowered.updated().size(); i++) {
                out.put(lowered.updateNames().get(i), params.get(lowered.updated().get(i)).tensors[(phase + 1) % SLOTS]);
            }
            runs[phase][k] = new PinnedRun(session, feed, out);
        }
    }

    /** The single-step program this session runs {@link #steps()} times per run. */
    public Program program() {
        return program;
    }

    /** Steps per {@link #run()}. */
    public int steps() {
        return steps;
    }

    private TensorSlots lookup(Map<Node, TensorSlots> map, Node n, String what) {
        if (closed) {
            throw new IllegalStateException("onnxruntime: the session is closed");
        }
        TensorSlots s = map.get(n);
        if (s == null) {
            throw new IllegalArgumentException(n + " is not " + what + " of this program");
        }
        return s;
    }

    private void checkStep(int step) {
        if (step < 0 || step >= steps) {
            throw new IndexOutOfBoundsException("step: expected 0.." + (steps - 1) + ", got " + step);
        }
    }

    private void checkOutputStep(Node output, int step) {
        if (lastSteps == 0) {
            throw new IllegalStateException(output + " is not an output of the last run: no run has completed");
        }
        if (step >= lastSteps) {
            throw new IndexOutOfBoundsException("step: the last run took " + lastSteps + " steps, got step " + step);
        }
    }

    /** Copies values into a parameter; length must equal the parameter's size. */
    public void setParameter(Node parameter, float[] values) {
        TensorSlots s = lookup(params, parameter, "a parameter");
        if (values.length != s.size) {
            throw new IllegalArgumentException("parameter '" + parameter.name() + "': expected " + s.size
                    + " values, got " + values.length);
        }
        s.buffers[s.slot(phase)].put(0, values, 0, s.size);
        history = 0;
    }

    /** Copies a parameter's current value (after the last run's last step) into dst. */
    public void getParameter(Node parameter, float[] dst) {
        TensorSlots s = lookup(params, parameter, "a parameter");
        if (dst.length < s.size) {
            throw new IllegalArgumentException("parameter '" + parameter.name() + "': expected room for " + s.size
                    + " values, got " + dst.length);
        }
        s.buffers[s.slot(phase)].get(0, dst, 0, s.size);
    }

    /** Copies {@code input.shape().size()} floats from src, starting at offset, into the input of one step. */
    public void setInput(Node input, int step, float[] src, int offset) {
        TensorSlots s = lookup(inputs, input, "an input");
        checkStep(step);
        int n = input.shape().size();
        if (offset < 0 || src.length - offset < n) {
            throw new IllegalArgumentException(input.op() + " '" + input.name() + "': expected " + n
                    + " values for shape " + input.shape() + " from offset " + offset + ", got " + src.length);
        }
        s.buffers[0].put(step * n, src, offset, n);
    }

    /** Runs {@link #steps()} steps, each on its own inputs, then replaces each updated parameter by its final value. */
    public void run() {
        run(steps);
    }

    /**
     * Runs the first k steps (1 ≤ k ≤ {@link #steps()}), on the inputs of steps 0 .. k-1, then replaces each updated
     * parameter by its final value; for the end of an epoch, or up to a checkpoint. The first run of a given k
     * prepares it (a few small tensors); later runs of that k allocate nothing more than runs of K.
     */
    public void run(int k) {
        if (closed) {
            throw new IllegalStateException("onnxruntime: the session is closed");
        }
        if (k < 1 || k > steps) {
            throw new IllegalArgumentException("run: expected 1.." + steps + " steps, got " + k);
        }
        lastSteps = 0;
        try {
            prepare(k);
            runs[phase][k].run();
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime: run of " + k + " steps failed: " + e.getMessage(), e);
        }
        lastSteps = k;
        phase = (phase + 1) % SLOTS;
        history = Math.min(history + 1, SLOTS - 1);
    }

    /** Steps taken by the last run; 0 before the first run or after a failed one. */
    public int lastSteps() {
        return lastSteps;
    }

    /** Copies an output of one step of the last run into dst. */
    public void getOutput(Node output, int step, float[] dst) {
        TensorSlots s = lookup(outputs, output, "an output");
        checkStep(step);
        int n = output.shape().size();
        if (dst.length < n) {
            throw new IllegalArgumentException(output + ": expected room for " + n + " values, got " + dst.length);
        }
        checkOutputStep(output, step);
        s.buffers[0].get(step * n, dst, 0, n);
    }

    /** A scalar output of one step of the last run. */
    public float scalarOutput(Node output, int step) {
        TensorSlots s = lookup(outputs, output, "an output");
        checkStep(step);
        if (output.shape().size() != 1) {
            throw new IllegalArgumentException(output + " is not a scalar output");
        }
        checkOutputStep(output, step);
        return s.buffers[0].get(step);
    }

    /** Restores every updated parameter to its value before the last {@code runs} runs (1 or 2, of K steps each). */
    public void revert(int runs) {
        if (runs < 1 || runs > history) {
            throw new IllegalArgumentException("revert: expected 1.." + history + " runs, got " + runs);
        }
        phase = (phase - runs + SLOTS) % SLOTS;
        history -= runs;
    }

    /** Whether runs call ORT without its per-run Java wrappers ({@link PinnedRun}). */
    boolean isDirect() {
        return runs[0][steps] != null && runs[0][steps].isDirect();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        TensorSlots.closeAll(owned, session, options);
    }
}
