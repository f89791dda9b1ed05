package org.ae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

    /** The output rows of one chunk, row-major, {@code columns(m).size()} values a row. */
    abstract float[] rows(Autoencoder m, Dataset chunk, Inference inf);

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
            try (Backend b = backendOptions.create(registry)) {
                TableOutput.write(out, spec.commandLine().getOut(), columns(m), sink -> {
                    Dataset chunk;
                    while ((chunk = rows.next(Scoring.CHUNK)) != null) {
                        if (chunk.rows() == 0) {
                            continue;
                        }
                        sink.append(rows(m, chunk, Inference.run(m, b, chunk)), chunk.rows());
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
