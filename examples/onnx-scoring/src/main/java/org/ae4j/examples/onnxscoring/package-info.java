/**
 * Scoring rows with an exported ae4j model and nothing but ONNX Runtime: {@link
 * org.ae4j.examples.onnxscoring.ScoreRows}.
 */
package org.ae4j.examples.onnxscoring;
