package org.ae4j.core.train;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default listener: one SLF4J INFO line per epoch with the losses and throughput. */
public final class LoggingListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger("ae4j.train");

    @Override
    public void onStart(TrainingPlan plan) {
        LOG.info("training {} rows ({} held out) for {} epochs, {} steps/epoch of {} rows on {}", plan.trainRows(),
                plan.validationRows(), plan.epochs(), plan.batchesPerEpoch(), plan.batchSize(), plan.backend());
        LOG.info("model: {}", plan.model());
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        LOG.info(format(m));
    }

    /** The one-line summary of an epoch. */
    public static String format(EpochMetrics m) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "epoch %3d  loss %.4f  recon %.4f", m.epoch(), m.loss(), m.reconstructionLoss()));
        for (Map.Entry<String, Double> e : m.penalties().entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
        }
        if (m.hasValidation()) {
            sb.append(String.format(Locale.ROOT, "  val %.4f", m.validationLoss()));
        }
        sb.append(String.format(Locale.ROOT, "  (%.2f s, %.0f rows/s)", m.seconds(), m.rowsPerSecond()));
        return sb.toString();
    }
}
