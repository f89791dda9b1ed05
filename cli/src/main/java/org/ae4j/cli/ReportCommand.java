package org.ae4j.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.train.EpochMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ae4j report --model FILE --out report.html}: the HTML report of a saved model. */
@Command(name = "report", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Write one self-contained HTML page about a saved model: loss curves, reconstructions, "
                + "filters, code activations and the evaluation."})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "the model file")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the HTML file to write")
    Path out;

    @Mixin
    DataOptions input = new DataOptions.Labelled();

    @Option(names = "--split", defaultValue = "test", description = "train or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the samples, directions, probe and noise")
    long seed;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        if (!main.modelFiles.available()) {
            throw ModelFiles.unsupported();
        }
        OutputFiles.check("--out", out);
        ModelFiles.ModelFile file = main.modelFiles.load(model);
        Dataset raw = DataArgs.load(input, split);
        Scoring.checkWidth(file.model(), raw, "--model " + model);
        Map<String, String> meta = file.metadata();
        List<EpochMetrics> history = meta.containsKey(ModelFiles.HISTORY)
                ? EvalOutput.json().readValue(meta.get(ModelFiles.HISTORY), new TypeReference<List<EpochMetrics>>() { })
                : List.of();
        Map<String, Object> config = meta.containsKey(ModelFiles.CONFIG)
                ? EvalOutput.json().readValue(meta.get(ModelFiles.CONFIG), new TypeReference<LinkedHashMap<String, Object>>() { })
                : new LinkedHashMap<>();
        try (Backend b = backendOptions.create(new PluginRegistry())) {
            Evaluation.Evaluated ev = Evaluation.run(file.model(), b, raw, Evaluation.Options.defaults(seed), true);
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("model file", model.toString());
            if (meta.containsKey(ModelFiles.DATA)) {
                summary.put("training data", meta.get(ModelFiles.DATA));
            }
            summary.put("evaluation data", raw.source() + " (" + raw.rows() + " rows)");
            if (meta.containsKey(ModelFiles.THRESHOLD)) {
                summary.put("anomaly threshold", meta.get(ModelFiles.THRESHOLD) + " ("
                        + Thresholds.describe(meta) + ")");
            }
            summary.put("backend", b.describe());
            Dataset norm = ev.normalized();
            Report.Input in = new Report.Input("ae4j report: " + model.getFileName(), config, file.model(), b, List.of(),
                    history.isEmpty() ? List.of() : List.of(history), summary, ev, raw,
                    new double[] {norm.min(), norm.max()}, seed);
            OutputFiles.writeString(out, Report.html(in));
            spec.commandLine().getOut().println("report: " + out);
        }
        return 0;
    }
}
