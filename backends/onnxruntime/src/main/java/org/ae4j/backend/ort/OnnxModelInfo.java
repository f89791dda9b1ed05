package org.ae4j.backend.ort;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the metadata of an ae4j ONNX file says, for any part.
 *
 * @param part which part of the model the file holds
 * @param formatVersion the value of {@value OnnxModelFormat#KEY_FORMAT}
 * @param ae4jVersion the ae4j version that wrote the file
 * @param inputDim the model's input width d
 * @param metadata every metadata entry, sorted by key
 * @param provenance the caller's provenance, keys without the {@value OnnxModelFormat#PROVENANCE_PREFIX} prefix
 */
public record OnnxModelInfo(ModelPart part, int formatVersion, String ae4jVersion, int inputDim,
                            Map<String, String> metadata, Map<String, String> provenance) {
    public OnnxModelInfo {
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
    }
}
