package org.ae4j.bench;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A JFR event around {@link TrainBench}'s timed epoch, so that {@link JfrProfile} counts only the samples taken
 * during it (the recording runs from the start of the process: see {@link TrainBench#JFR_DIR}).
 */
@Name(TimedEpoch.NAME)
@Label("Timed epoch")
@Category("ae4j")
@Description("One timed training epoch of the benchmark")
final class TimedEpoch extends jdk.jfr.Event {
    static final String NAME = "org.ae4j.bench.TimedEpoch";

    @Label("Backend and config")
    String run;

    TimedEpoch(String run) {
        this.run = run;
    }
}
