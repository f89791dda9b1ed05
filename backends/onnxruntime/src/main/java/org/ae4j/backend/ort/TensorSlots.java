package org.ae4j.backend.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.ae4j.core.ir.Shape;

/**
 * One tensor's Java-side storage: a direct, native-order {@link FloatBuffer} per slot, each wrapped once in an
 * {@link OnnxTensor} that ORT reads and writes in place (filling the buffer updates the tensor, no copy).
 */
final class TensorSlots {
    final int size;
    final FloatBuffer[] buffers;
    final OnnxTensor[] tensors;

    private TensorSlots(int size, int slots) {
        this.size = size;
        this.buffers = new FloatBuffer[slots];
        this.tensors = new OnnxTensor[slots];
    }

    /**
     * Allocates {@code slots} zeroed buffers of a shape and their tensors; each tensor is added to {@code owned} as
     * soon as it exists, so the caller can close them all if a later one fails.
     */
    static TensorSlots allocate(OrtEnvironment env, Shape shape, int slots, List<OnnxTensor> owned)
            throws OrtException {
        TensorSlots s = new TensorSlots(shape.size(), slots);
        long[] dims = new long[shape.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.dim(i);
        }
        for (int k = 0; k < slots; k++) {
            s.buffers[k] = ByteBuffer.allocateDirect(s.size * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            s.tensors[k] = OnnxTensor.createTensor(env, s.buffers[k], dims);
            owned.add(s.tensors[k]);
        }
        return s;
    }

    /** The slot holding the value of a run phase: the phase itself when rotating, else the one slot. */
    int slot(int phase) {
        return buffers.length == 1 ? 0 : phase;
    }

    /** Closes the tensors a session owns, then the native session and its options (the options even on failure). */
    static void closeAll(java.util.List<ai.onnxruntime.OnnxTensor> owned, ai.onnxruntime.OrtSession session,
                         ai.onnxruntime.OrtSession.SessionOptions options) {
        for (ai.onnxruntime.OnnxTensor t : owned) {
            t.close();
        }
        owned.clear();
        try {
            session.close();
        } catch (ai.onnxruntime.OrtException e) {
            throw new IllegalStateException("onnxruntime: could not close the session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
