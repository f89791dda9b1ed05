package org.ae4j.backend.ort;

import org.ae4j.core.model.Autoencoder;

/**
 * A model read back from an ae4j ONNX file, with what the file says about it.
 *
 * @param model the autoencoder, ready to encode, score or train further (fresh optimizer state)
 * @param info the file's metadata and provenance
 */
public record LoadedModel(Autoencoder model, OnnxModelInfo info) {
}
