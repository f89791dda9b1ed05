package org.ae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.datasets.RowStream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code encode}, {@code reconstruct} and {@code score} share: a saved model applied to data, a chunk of
 * rows at a time (data larger than memory is streamed), one output row per input row, as CSV on standard output
 * or in a .csv or .npy file.
 */
abstract class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "the model file (from 'ae4j train --out')")
    Path model;

    @Mixin
    DataOptions input = new DataOptions();

    @Option(names = "--split", defaultValue = "test", description = "train or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--out", paramLabel = "FILE",
            description = "write to FILE: .csv, .tsv or .npy (float32) by its extension (default: CSV on standard output)")
    Path out;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    /** The output's column names. */
    abstract List<String> columns(Autoencoder m);

    /** What the command needs computed: only these outputs are run and copied out. */
    abstract Set<Inference.Output> outputs();

    /**
     * What was computed for one chunk: for each requested output an array holding at least the chunk's rows
     * (row-major, reused from chunk to chunk), null for the others.
     */
    record Computed(float[] codes, float[] reconstructions, float[] scores) {
    }

    /**
     * The output rows of one chunk, row-major, {@code columns(m).size()} values a row: the first
     * {@code chunk.rows()} rows of the array returned are written (it may be one of {@code c}'s, changed in place).
     */
    abstract float[] rows(Autoencoder m, Dataset chunk, Computed c);

    /** Checks the command's own options and reads what it needs from the model's metadata, before any work. */
    void prepare(ModelFiles.ModelFile file) {
    }

    /** The one-line summary after the rows are written. */
    abstract String summary(long rows, Autoencoder m, String source);

    @Override
    public final Integer call() throws Exception {
        if (!main.modelFiles.available()) {
            throw ModelFiles.unsupported();
        }
        TableOutput.formatOf("--out", out);
        if (out != null) {
            OutputFiles.check("--out", out);
        }
        ModelFiles.ModelFile file = main.modelFiles.load(model);
        prepare(file);
        Autoencoder m = file.model();
        PluginRegistry registry = new PluginRegistry();
        backendOptions.check(registry);
        long[] count = {0};
        String source;
        try (RowStream rows = DataArgs.stream(input, split)) {
            source = rows.source();
            Scoring.checkWidth(m, rows.cols(), source, "--model " + model);
            Set<Inference.Output> wanted = outputs();
            try (Backend b = backendOptions.create(registry);
                 Inference.Runner runner = Inference.runner(m, b, wanted)) {
                TableOutput.write(out, spec.commandLine().getOut(), columns(m), sink -> {
                    Computed c = new Computed(null, null, null);
                    Dataset chunk;
                    while ((chunk = rows.next(Scoring.CHUNK)) != null) {
                        if (chunk.rows() == 0) {
                            continue;
                        }
                        c = fit(c, wanted, m, chunk.rows());
                        runner.run(chunk, 0, c.codes(), c.reconstructions(), c.scores());
                        sink.append(rows(m, chunk, c), chunk.rows());
                        count[0] += chunk.rows();
                    }
                });
            }
        }
        PrintWriter human = out != null ? spec.commandLine().getOut() : spec.commandLine().getErr();
        human.println(summary(count[0], m, source));
        human.flush();
        return 0;
    }

    /** {@code c}, or new arrays for the wanted outputs when c's are too short for {@code rows} rows. */
    private static Computed fit(Computed c, Set<Inference.Output> wanted, Autoencoder m, int rows) {
        return new Computed(fit(c.codes(), wanted.contains(Inference.Output.CODE), rows, m.codeDim()),
                fit(c.reconstructions(), wanted.contains(Inference.Output.RECONSTRUCTION), rows, m.inputDim()),
                fit(c.scores(), wanted.contains(Inference.Output.SCORE), rows, 1));
    }

    private static float[] fit(float[] a, boolean wanted, int rows, int width) {
        if (!wanted) {
            return null;
        }
        int n = Math.multiplyExact(rows, width);
        return a != null && a.length >= n ? a : new float[n];
    }

    /** {@code prefix_0, ..., prefix_{n-1}}. */
    static List<String> numbered(String prefix, int n) {
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            c[i] = prefix + "_" + i;
        }
        return List.of(c);
    }

    /** "N rows of SOURCE", then where they went. */
    String wrote(long rows, String what, String source) {
        return String.format(Locale.ROOT, "%s: %d rows of %s%s", what, rows, source,
                out == null ? "" : " -> " + out);
    }
}
