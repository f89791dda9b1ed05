package org.ae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ae4j eval --model FILE}: evaluates a saved model on a dataset (table, or JSON with --json). */
@Command(name = "eval", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Evaluate a saved model: reconstruction error, mean ||J_f(x)||_F, contraction ratios, saturated "
                + "units, code sparsity, and with labels a linear probe on codes vs raw inputs.",
                "With --labels (or a labelled dataset), a linear probe on the codes vs the raw inputs."})
final class EvalCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "the model file")
    Path model;

    @Mixin
    DataOptions input = new DataOptions.Labelled();

    @Option(names = "--split", defaultValue = "test", description = "train or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the samples, directions and probe")
    long seed;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        if (!main.modelFiles.available()) {
            throw ModelFiles.unsupported();
        }
        PluginRegistry registry = new PluginRegistry();
        ModelFiles.ModelFile file = main.modelFiles.load(model);
        Dataset raw = DataArgs.load(input, split);
        Scoring.checkWidth(file.model(), raw, "--model " + model);
        try (Backend b = backendOptions.create(registry)) {
            Evaluation.Evaluated ev = Evaluation.run(file.model(), b, raw, Evaluation.Options.defaults(seed));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(EvalOutput.toJson(ev.result()));
            } else {
                EvalOutput.printTable(ev.result(), out);
            }
            out.flush();
        }
        return 0;
    }
}
