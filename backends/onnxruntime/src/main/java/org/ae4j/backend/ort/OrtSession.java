package org.ae4j.backend.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.spi.Session;

/**
 * A program running on ONNX Runtime. Every input, parameter and output lives in a direct, native-order
 * {@link FloatBuffer} wrapped once in an {@link OnnxTensor}, which ORT reads and writes in place: a run feeds the
 * input and current parameter tensors and hands ORT the output tensors to fill (pinned outputs), so the Java side
 * copies nothing per run; the call itself is prepared once ({@link PinnedRun}), so it allocates only the few bytes
 * ORT's native code returns.
 *
 * <p>Parameters with an update rotate through three slots, as in the CPU backend: a run reads slot {@code phase}
 * and ORT writes the new values straight into slot {@code phase + 1}; the phase then advances. Nothing is copied,
 * a failed run leaves the parameters intact, and {@link #revert(int)} steps back one or two runs. Parameters
 * without an update have one slot and are not affected by revert. Not thread-safe.
 */
final class OrtSession implements Session {
    private static final int SLOTS = 3;

    private final Program program;
    private final ai.onnxruntime.OrtSession session;
    private final SessionOptions options;
    private final List<OnnxTensor> owned = new ArrayList<>();
    private final Map<Node, TensorSlots> inputs = new HashMap<>();
    private final Map<Node, TensorSlots> params = new HashMap<>();
    private final Map<Node, TensorSlots> outputs = new HashMap<>();
    private final PinnedRun[] runs = new PinnedRun[SLOTS];
    private int phase;
    private int history;
    private boolean hasOutputs;
    private boolean closed;

    /** Takes ownership of the native session and options: they are closed with this session, or now if this fails. */
    OrtSession(Program program, OnnxLowering.LoweredProgram lowered, OrtEnvironment env,
               ai.onnxruntime.OrtSession session, SessionOptions options) {
        this.program = program;
        this.session = session;
        this.options = options;
        try {
            for (Node in : program.inputs()) {
                inputs.put(in, TensorSlots.allocate(env, in.shape(), 1, owned));
            }
            for (Node p : program.parameters()) {
                params.put(p, TensorSlots.allocate(env, p.shape(), program.updates().containsKey(p) ? SLOTS : 1, owned));
            }
            for (Node out : lowered.outputs()) {
                outputs.put(out, TensorSlots.allocate(env, out.shape(), 1, owned));
            }
        } catch (OrtException | RuntimeException e) {
            close();
            throw new IllegalStateException("onnxruntime: could not allocate the session's tensors: " + e.getMessage(), e);
        }
        for (int k = 0; k < SLOTS; k++) {
            Map<String, OnnxTensor> feed = new HashMap<>();
            for (Node in : program.inputs()) {
                feed.put(in.name(), inputs.get(in).tensors[0]);
            }
            for (Node p : program.parameters()) {
                TensorSlots s = params.get(p);
                feed.put(p.name(), s.tensors[s.slot(k)]);
            }
            Map<String, OnnxTensor> out = new HashMap<>();
            for (int i = 0; i < lowered.outputs().size(); i++) {
                out.put(lowered.outputNames().get(i), outputs.get(lowered.outputs().get(i)).tensors[0]);
            }
            for (int i = 0; i < lowered.updated().size(); i++) {
                out.put(lowered.updateNames().get(i), params.get(lowered.updated().get(i)).tensors[(k + 1) % SLOTS]);
            }
            runs[k] = new PinnedRun(session, feed, out);
        }
    }

    /** Whether runs call ORT without its per-run Java wrappers ({@link PinnedRun}). */
    boolean isDirect() {
        return runs[0].isDirect();
    }

    @Override
    public Program program() {
        return program;
    }

    private TensorSlots lookup(Map<Node, TensorSlots> map, Node n, int length, String what) {
        if (closed) {
            throw new IllegalStateException("onnxruntime: the session is closed");
        }
        TensorSlots s = map.get(n);
        if (s == null) {
            throw new IllegalArgumentException(n + " is not " + what + " of this program");
        }
        if (length < s.size) {
            throw new IllegalArgumentException(n.op() + (n.name() != null ? " '" + n.name() + "'" : "") + ": expected "
                    + s.size + " values for shape " + n.shape() + ", got " + length);
        }
        return s;
    }

    @Override
    public void setParameter(Node parameter, float[] values) {
        TensorSlots s = lookup(params, parameter, values.length, "a parameter");
        if (values.length != s.size) {
            throw new IllegalArgumentException("parameter '" + parameter.name() + "': expected " + s.size
                    + " values, got " + values.length);
        }
        s.buffers[s.slot(phase)].put(0, values, 0, s.size);
        history = 0;
    }

    @Override
    public void getParameter(Node parameter, float[] dst) {
        TensorSlots s = lookup(params, parameter, dst.length, "a parameter");
        s.buffers[s.slot(phase)].get(0, dst, 0, s.size);
    }

    @Override
    public void setInput(Node input, float[] src, int offset) {
        TensorSlots s = lookup(inputs, input, src.length - offset, "an input");
        s.buffers[0].put(0, src, offset, s.size);
    }

    /** Puts the rows straight into the input tensor's buffer, with no intermediate array. */
    @Override
    public void setInputRows(Node input, float[] src, int[] rows, int from) {
        int w = org.ae4j.core.spi.InputRows.check(input, src, rows, from);
        TensorSlots s = lookup(inputs, input, input.shape().size(), "an input");
        int n = input.shape().dim(0);
        for (int i = 0; i < n; i++) {
            s.buffers[0].put(i * w, src, rows[from + i] * w, w);
        }
    }

    @Override
    public void run() {
        if (closed) {
            throw new IllegalStateException("onnxruntime: the session is closed");
        }
        hasOutputs = false;
        try {
            // The outputs and the new parameter values land in the pinned tensors' buffers.
            runs[phase].run();
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime: run failed: " + e.getMessage(), e);
        }
        hasOutputs = true;
        phase = (phase + 1) % SLOTS;
        history = Math.min(history + 1, SLOTS - 1);
    }

    @Override
    public void getOutput(Node output, float[] dst) {
        TensorSlots s = lookup(outputs, output, dst.length, "an output");
        if (!hasOutputs) {
            throw new IllegalStateException(output + " is not an output of the last run: no run has completed");
        }
        s.buffers[0].get(0, dst, 0, s.size);
    }

    @Override
    public float scalarOutput(Node output) {
        TensorSlots s = lookup(outputs, output, 1, "an output");
        if (s.size != 1) {
            throw new IllegalArgumentException(output + " is not a scalar output");
        }
        if (!hasOutputs) {
            throw new IllegalStateException(output + " is not an output of the last run: no run has completed");
        }
        return s.buffers[0].get(0);
    }

    @Override
    public void revert(int runs) {
        if (runs < 1 || runs > history) {
            throw new IllegalArgumentException("revert: expected 1.." + history + " runs, got " + runs);
        }
        phase = (phase - runs + SLOTS) % SLOTS;
        history -= runs;
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
