package org.ae4j.backend.ort;

import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.BackendProvider;

/** Provides the {@code onnxruntime} backend: programs lowered to ONNX and run on ONNX Runtime (CUDA or CPU). */
public final class OrtBackendProvider implements BackendProvider<OrtBackendConfig> {
    /** The provider name. */
    public static final String NAME = "onnxruntime";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ONNX Runtime: each training step lowered to one ONNX graph, run on the CUDA execution provider "
                + "when usable, else the CPU one";
    }

    @Override
    public Class<OrtBackendConfig> configType() {
        return OrtBackendConfig.class;
    }

    @Override
    public OrtBackendConfig defaultConfig() {
        return OrtBackendConfig.defaults();
    }

    @Override
    public Backend create(OrtBackendConfig config) {
        return new OrtBackend(config);
    }
}
