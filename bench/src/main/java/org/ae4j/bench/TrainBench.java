package org.ae4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.AutoencoderSpec;
import org.ae4j.core.model.Component;
import org.ae4j.core.model.Loss;
import org.ae4j.core.model.dense.DenseDecoderConfig;
import org.ae4j.core.model.dense.DenseEncoderConfig;
import org.ae4j.core.optim.Adam;
import org.ae4j.core.registry.PluginKind;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Activation;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Corruption;
import org.ae4j.core.spi.Decoder;
import org.ae4j.core.spi.Encoder;
import org.ae4j.core.spi.PluginProvider;
import org.ae4j.core.spi.Regularizer;
import org.ae4j.core.train.EpochMetrics;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.core.train.TrainingListener;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Split;

/**
 * Whole-run training throughput of ae4j on the standard configs (bench/bench-configs.json: C1 a–d, C2 a):
 * Fashion-MNIST, batch 128, Adam 1e-3, last partial batch dropped, one timed epoch of 468 steps after warm-up.
 * Prints one JSON line per (backend, config). Usage: {@code TrainBench [backend,...] [config,...] [threads]}.
 */
public final class TrainBench {
    private TrainBench() {
    }

    public static void main(String[] args) {
        List<String> backends = List.of((args.length > 0 ? args[0] : "cpu").split(","));
        List<String> configs = List.of((args.length > 1 ? args[1] : "C1a,C1b,C1c,C1d,C2a").split(","));
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        PluginRegistry registry = new PluginRegistry();
        Dataset data = load();
        for (String b : backends) {
            for (String c : configs) {
                try (Backend backend = backend(registry, b, threads)) {
                    System.out.println(run(registry, backend, b, c, data));
                }
            }
        }
    }

    static Dataset load() {
        try {
            return Datasets.load("fashion-mnist", Split.TRAIN);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: Fashion-MNIST not found (" + e.getMessage().lines().findFirst().orElse("")
                    + "); using the embedded 4000 rows");
            return Datasets.load("embedded", Split.TRAIN);
        }
    }

    static Backend backend(PluginRegistry registry, String name, int threads) {
        PluginProvider<?, ?> p = registry.provider(PluginKind.BACKEND, name);
        Map<String, String> options = new LinkedHashMap<>();
        if (name.equals("cpu")) {
            options.put("threads", Integer.toString(threads));
        } else if (name.equals("onnxruntime")) {
            options.put("device", "cpu");
            options.put("threads", Integer.toString(threads));
        }
        return (Backend) p.createUnchecked(p.parseConfig(options));
    }

    static AutoencoderSpec spec(PluginRegistry registry, String config) {
        boolean c2 = config.startsWith("C2");
        List<Integer> units = c2 ? List.of(512, 128, 32) : List.of(256);
        Activation act = c2 ? Activation.RELU : Activation.SIGMOID;
        DenseEncoderConfig ec = new DenseEncoderConfig(units, List.of(act));
        DenseDecoderConfig dc = new DenseDecoderConfig(List.of(), List.of(), Activation.SIGMOID, true);
        Component<Encoder> enc = new Component<>("dense", ec, (Encoder) registry.encoder("dense").createUnchecked(ec));
        Component<Decoder> dec = new Component<>("dense", dc, (Decoder) registry.decoder("dense").createUnchecked(dc));
        List<Component<Regularizer>> regs = new ArrayList<>();
        Component<Corruption> corr = null;
        switch (config.substring(2)) {
            case "a":
                break;
            case "b":
                regs.add(registry.create(PluginKind.REGULARIZER, Regularizer.class, "kl-sparsity:rho=0.05,beta=3"));
                break;
            case "c":
                corr = registry.create(PluginKind.CORRUPTION, Corruption.class, "masking:level=0.3");
                break;
            case "d":
                regs.add(registry.create(PluginKind.REGULARIZER, Regularizer.class, "contractive:lambda=0.1,mode=exact"));
                break;
            default:
                throw new IllegalArgumentException("config: expected C1a..C1d or C2a, got '" + config + "'");
        }
        return new AutoencoderSpec(enc, dec, Loss.SQUARED_ERROR, regs, corr, new Adam(1e-3, 0.9, 0.999, 1e-8));
    }

    static String run(PluginRegistry registry, Backend backend, String backendName, String config, Dataset data) {
        AutoencoderSpec spec = spec(registry, config);
        int batch = 128;
        int warmup = 20;
        Dataset warm = data.slice(0, warmup * batch);
        Trainer trainer = new Trainer(backend);
        TrainingConfig tc = new TrainingConfig(1, batch, 42, true, true, 0, 0, 0);
        trainer.fit(spec, warm, tc);
        double[] seconds = new double[1];
        trainer.fit(spec, data, tc, new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                seconds[0] = m.seconds();
            }
        });
        int steps = data.rows() / batch;
        return String.format(Locale.ROOT,
                "{\"engine\": \"ae4j-%s\", \"config\": \"%s\", \"rows_per_s\": %.1f, \"ms_per_step\": %.3f, \"steps\": %d}",
                backendName, config, steps * batch / seconds[0], 1000 * seconds[0] / steps, steps);
    }
}
