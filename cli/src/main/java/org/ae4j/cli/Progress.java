package org.ae4j.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.LoggingListener;
import org.ae4j.core.train.TrainingListener;
import org.ae4j.core.train.TrainingPlan;

/**
 * Training progress for people: on a terminal a progress bar per epoch (rows/s, running loss, ETA) on standard
 * error, otherwise plain lines; in both cases one summary line per epoch. A run may have several stages
 * (layer-wise pretraining, then fine-tuning); each {@code onStart} begins the next one. It also records every
 * stage's history for the report.
 */
final class Progress implements TrainingListener {
    private final PrintWriter out;
    private final boolean bar;
    private final List<String> stageNames;
    private final List<List<EpochMetrics>> histories = new ArrayList<>();
    private TrainingPlan plan;
    private ProgressBar current;

    /**
     * @param out where summary lines go
     * @param bar true to draw progress bars (only on a terminal)
     * @param stageNames one name per stage, or empty for a single unnamed stage
     */
    Progress(PrintWriter out, boolean bar, List<String> stageNames) {
        this.out = out;
        this.bar = bar;
        this.stageNames = List.copyOf(stageNames);
    }

    /** True when progress bars make sense: standard input and output are a terminal. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    /** The epochs of every stage so far, in order. */
    List<List<EpochMetrics>> histories() {
        return histories;
    }

    @Override
    public void onStart(TrainingPlan p) {
        closeBar();
        this.plan = p;
        histories.add(new ArrayList<>());
        int stage = histories.size();
        if (stage <= stageNames.size() && !stageNames.isEmpty()) {
            out.println("== " + stageNames.get(stage - 1));
        }
        if (stage == 1) {
            out.println("model: " + p.model());
            out.println("backend: " + p.backend());
        } else {
            out.println("model: " + p.model());
        }
        out.printf(Locale.ROOT, "training: %d rows (%d held out), %d epochs x %d steps of %d rows%n",
                p.trainRows(), p.validationRows(), p.epochs(), p.batchesPerEpoch(), p.batchSize());
        out.flush();
    }

    @Override
    public void onBatch(int epoch, int batch, int batchesPerEpoch, int rowsDone, double loss) {
        if (!bar) {
            return;
        }
        if (current == null) {
            current = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, plan.epochs()))
                    .setInitialMax(plan.trainRows())
                    .setUnit(" rows", 1)
                    .showSpeed(new java.text.DecimalFormat("#,##0"))
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .clearDisplayOnFinish()
                    .build();
        }
        current.stepTo(rowsDone);
        current.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", loss));
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        closeBar();
        histories.get(histories.size() - 1).add(m);
        out.println(LoggingListener.format(m));
        out.flush();
    }

    /** Closes the bar of an epoch that ended (normally or not). */
    void closeBar() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
