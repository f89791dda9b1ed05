package org.ae4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ae4j.core.data.Normalization;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.model.dense.TiedDecoderConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code train --init FILE}: training starts from a saved model's parameters and normalization. The model
 * options not given on the command line (or in the config file) are taken from the model, so the printed and
 * stored configuration says what really runs; the architecture and normalization given must be the model's.
 */
final class InitModel {
    private InitModel() {
    }

    /** Sets every model option the command line does not give to the model's value. */
    static void applyDefaults(CommandSpec spec, Autoencoder m) {
        ParseResult pr = spec.commandLine().getParseResult();
        AutoencoderSpec s = m.spec();
        Map<String, Object> from = new LinkedHashMap<>();
        if (s.encoder().config() instanceof DenseEncoderConfig ec) {
            from.put("--layers", new ArrayList<>(ec.units()));
            if (!ec.activations().isEmpty()) {
                from.put("--activation", ec.activations().get(0).name().toLowerCase(Locale.ROOT));
            }
        }
        if (s.decoder().config() instanceof TiedDecoderConfig t) {
            from.put("--tied", true);
            from.put("--output-activation", t.output().name().toLowerCase(Locale.ROOT));
        } else if (s.decoder().config() instanceof DenseDecoderConfig d) {
            from.put("--tied", false);
            from.put("--output-activation", d.output().name().toLowerCase(Locale.ROOT));
        }
        from.put("--loss", s.loss().optionName());
        List<String> regs = new ArrayList<>();
        s.regularizers().forEach(r -> regs.add(r.spec()));
        from.put("--regularizer", regs);
        from.put("--corruption", s.corruption() == null ? null : s.corruption().spec());
        from.put("--optimizer", s.optimizer().spec());
        from.put("--normalization", m.normalization().kind().optionName());
        from.forEach((name, value) -> {
            OptionSpec o = spec.findOption(name);
            if (o != null && (pr == null || !pr.hasMatchedOption(o))) {
                o.setValue(value);
            }
        });
    }

    /**
     * The model to start from: the file's parameters and normalization under the spec of the options, which must
     * describe the same encoder and decoder.
     */
    static Autoencoder start(Path file, Autoencoder m, AutoencoderSpec options, Normalization.Kind normalization) {
        same(file, "encoder", m.spec().encoder(), options.encoder());
        same(file, "decoder", m.spec().decoder(), options.decoder());
        if (normalization != m.normalization().kind()) {
            throw new IllegalArgumentException("--normalization: " + file + " was trained with "
                    + m.normalization().kind().optionName() + " normalization, which --init keeps; got "
                    + normalization.optionName());
        }
        return m.withSpec(options);
    }

    private static void same(Path file, String what, Component<?> model, Component<?> options) {
        if (!model.spec().equals(options.spec())) {
            throw new IllegalArgumentException("--init: " + file + " has the " + what + " " + model.spec()
                    + ", but the options ask for " + options.spec() + " (leave out the architecture options to keep "
                    + "the model's)");
        }
    }
}
