package org.ae4j.backend.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.reference.ReferenceBackend;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Checks that need a usable CUDA GPU (ONNX Runtime's GPU build, CUDA 12, cuDNN 9); run by scripts/gpu-check.sh. */
@Tag("gpu")
class OrtCudaTest {
    @Test
    void deviceCudaRunsOnTheCudaExecutionProvider() {
        try (OrtBackend b = new OrtBackend(new OrtBackendConfig("cuda", 0))) {
            assertEquals(OrtBackend.Device.CUDA, b.device());
            assertTrue(b.describe().contains("CUDA execution provider"), b.describe());
        }
    }

    @Test
    void deviceAutoPicksCudaWhenItIsUsable() {
        try (OrtBackend b = new OrtBackend(OrtBackendConfig.defaults())) {
            assertEquals(OrtBackend.Device.CUDA, b.device());
        }
    }

    @Test
    void fiftyAdamStepsOnCudaMatchTheReferenceBackend() {
        AutoencoderSpec spec = Models.dense(List.of(4), true, List.of(), null);
        TrainingConfig config = TrainingConfig.defaults().withBatchSize(32).withEpochs(5).withSeed(11);
        var data = Models.lowRank(320, 12, 5);
        Autoencoder want = new Trainer(new ReferenceBackend()).fit(spec, data, config).model();
        try (OrtBackend cuda = new OrtBackend(new OrtBackendConfig("cuda", 0))) {
            Autoencoder got = new Trainer(cuda).fit(spec, data, config).model();
            TrainingAgreementTest.compare("cuda vs reference", want, got);
        }
    }
}
