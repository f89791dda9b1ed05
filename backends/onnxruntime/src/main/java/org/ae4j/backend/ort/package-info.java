/**
 * The ONNX Runtime backend and ae4j's model format. {@link org.ae4j.backend.ort.OnnxLowering} turns a core
 * {@link org.ae4j.core.ir.Program} into a plain ONNX inference graph (a whole training step, forward, backward and
 * update, is one graph), and {@link org.ae4j.backend.ort.OrtBackend} runs it on ONNX Runtime with the CUDA
 * execution provider when one is usable and the CPU one otherwise. ORT's training API is never used.
 * {@link org.ae4j.backend.ort.OrtBackend#openSteps(org.ae4j.core.ir.Program, int)} runs K training steps per call
 * instead, as one ONNX Loop ({@link org.ae4j.backend.ort.OnnxLoopLowering},
 * {@link org.ae4j.backend.ort.OrtMultiStepSession}).
 *
 * <p>{@link org.ae4j.backend.ort.OnnxModelIO} writes trained models (or their encoder or decoder alone) as
 * standalone .onnx files and reads full models back; the format is described in
 * {@link org.ae4j.backend.ort.OnnxModelFormat}.
 */
package org.ae4j.backend.ort;
