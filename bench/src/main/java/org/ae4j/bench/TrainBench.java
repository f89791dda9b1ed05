package org.ae4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.ae4j.core.train.TrainingPlan;
import org.ae4j.datasets.Datasets;
import org.ae4j.datasets.Split;

/**
 * Whole-run training throughput of ae4j on the standard configs (bench/bench-configs.json: C1 a–d, C2 a):
 * Fashion-MNIST, batch 128, Adam 1e-3, last partial batch dropped, one timed epoch of 468 steps after a warm-up of
 * {@link #WARMUP_STEPS} steps.
 * Prints one JSON line per (backend, config). Usage: {@code TrainBench [backend,...] [config,...] [threads]}.
 * A config may name a row count, {@code C1a@10000} or {@code C1a@600000}: the first rows of the data, or the data
 * repeated in memory (600000 = Fashion-MNIST ten times), for the time-per-row scaling check.
 *
 * <p>Besides rows/s each line has the bytes allocated per step by all threads over the second half of the timed epoch (from
 * step max(21, steps/2) to its end; the allocation counters of the JVM; the CPU backend's target is 0), the heap in use after the epoch
 * (after a GC), the data set's size and the process's peak resident set. With {@code -D}{@value #JFR_DIR}{@code =DIR}
 * the process is also recorded with JFR, each timed epoch marked (see {@link JfrProfile}).
 */
public final class TrainBench {
    private TrainBench() {
    }

    public static void main(String[] args) {
        List<String> backends = List.of((args.length > 0 ? args[0] : "cpu").split(","));
        List<String> configs = List.of((args.length > 1 ? args[1] : "C1a,C1b,C1c,C1d,C2a").split(","));
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        jdk.jfr.Recording recording = startRecording();
        PluginRegistry registry = new PluginRegistry();
        Dataset data = load();
        for (String b : backends) {
            for (String c : configs) {
                try (Backend backend = backend(registry, b, threads)) {
                    System.out.println(run(registry, backend, b, c, data));
                }
                if (recording != null) {
                    saveRecording(recording, Path.of(System.getProperty(JFR_DIR), b + "-" + c + ".jfr"));
                }
            }
        }
        if (recording != null) {
            recording.close();
        }
    }

    static Dataset load() {
        return load(Split.TRAIN);
    }

    /** One split of Fashion-MNIST, or of the embedded rows (4000 train, 1000 test) when it is not installed. */
    static Dataset load(Split split) {
        try {
            return Datasets.load("fashion-mnist", split);
        } catch (IllegalArgumentException e) {
            Dataset embedded = Datasets.load("embedded", split);
            System.err.println("bench: Fashion-MNIST not found (" + e.getMessage().lines().findFirst().orElse("")
                    + "); using the embedded " + embedded.rows() + " rows");
            return embedded;
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

    /** The data for a config with an optional row count (prefix, or repeated to reach it). */
    static Dataset rows(Dataset data, String config) {
        int at = config.indexOf('@');
        if (at < 0) {
            return data;
        }
        int rows = Integer.parseInt(config.substring(at + 1));
        if (rows <= data.rows()) {
            return data.slice(0, rows);
        }
        int cols = data.cols();
        float[] v = new float[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r += data.rows()) {
            int n = Math.min(data.rows(), rows - r);
            System.arraycopy(data.values(), 0, v, r * cols, n * cols);
        }
        return new Dataset(data.source() + " repeated to " + rows + " rows", v, rows, cols);
    }

    /**
     * System property naming a directory: when set, the process is recorded with JFR's execution sampling every
     * millisecond, and after each run the recording so far is written there as {@code <backend>-<config>.jfr},
     * its timed epoch marked by a {@link TimedEpoch} event, for {@link JfrProfile}. The recording starts with the
     * process: a sampling recording started after the warm-up made the rest of the process 2.3× slower (C1a at
     * 32.3k–32.5k rows/s against 72.5k–74.1k without JFR, alternating runs), while sampling from the start cost
     * 10–20 % (59.3k–65.8k).
     */
    static final String JFR_DIR = "ae4j.bench.jfr";

    private static jdk.jfr.Recording startRecording() {
        if (System.getProperty(JFR_DIR) == null) {
            return null;
        }
        jdk.jfr.Recording r = new jdk.jfr.Recording();
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
        r.enable(TimedEpoch.NAME);
        r.start();
        return r;
    }

    private static void saveRecording(jdk.jfr.Recording r, Path file) {
        try {
            Files.createDirectories(file.getParent());
            r.dump(file);
        } catch (IOException e) {
            throw new UncheckedIOException("JFR recording: could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bytes allocated so far by each live thread, by thread id (empty where the JVM does not count them). */
    static Map<Long, Long> allocatedBytes() {
        Map<Long, Long> out = new LinkedHashMap<>();
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean mx) || !mx.isThreadAllocatedMemorySupported()) {
            return out;
        }
        long[] ids = mx.getAllThreadIds();
        long[] bytes = mx.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }

    /** Bytes allocated between two samples of {@link #allocatedBytes}, over the threads alive at the second. */
    static long allocatedBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** The process's peak resident set in MB from /proc/self/status, or -1. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Training steps run before the timed epoch. */
    static final int WARMUP_STEPS = 1000;
    private static boolean firstRun = true;

    static String run(PluginRegistry registry, Backend backend, String backendName, String config, Dataset all) {
        Dataset data = rows(all, config);
        AutoencoderSpec spec = spec(registry, config.contains("@") ? config.substring(0, config.indexOf('@')) : config);
        int batch = 128;
        // Warm-up: WARMUP_STEPS steps (several epochs of a slice when the data is small), so that the JIT has
        // compiled the Vector API kernels (a few hundred steps) before the timed epoch, whatever its length.
        // The first run in a JVM warms up three times as long: after 1000 steps it was still ~15% slower than the
        // same config measured again later in the process (the JIT settling), which skewed the rows scaling check.
        int warmSteps = firstRun ? 3 * WARMUP_STEPS : WARMUP_STEPS;
        firstRun = false;
        int warmBatches = Math.min(data.rows() / batch, warmSteps);
        Dataset warm = data.slice(0, warmBatches * batch);
        Trainer trainer = new Trainer(backend);
        TrainingConfig tc = new TrainingConfig(1, batch, 42, true, true, 0, 0, 0);
        trainer.fit(spec, warm, new TrainingConfig((warmSteps + warmBatches - 1) / warmBatches, batch, 42, true,
                true, 0, 0, 0));
        int warmup = 20;
        double[] seconds = new double[1];
        List<Map<Long, Long>> alloc = new ArrayList<>(List.of(Map.of(), Map.of()));
        int skip = Math.max(warmup, data.rows() / batch / 2);
        TimedEpoch timed = new TimedEpoch(backendName + " " + config);
        trainer.fit(spec, data, tc, new TrainingListener() {
            @Override
            public void onStart(TrainingPlan plan) {
                timed.begin(); // after the data's range and the session are made, as the epoch's own timer
            }

            @Override
            public void onBatch(int epoch, int step, int steps, int rowsDone, double loss) {
                if (step == skip) {
                    alloc.set(0, allocatedBytes());
                } else if (step == steps) {
                    alloc.set(1, allocatedBytes());
                }
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                timed.commit();
                seconds[0] = m.seconds();
            }
        });
        int steps = data.rows() / batch;
        double allocPerStep = alloc.get(0).isEmpty() || steps <= skip ? -1
                : (double) allocatedBetween(alloc.get(0), alloc.get(1)) / (steps - skip);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1e6;
        double dataMb = (double) data.values().length * 4 / 1e6;
        return String.format(Locale.ROOT,
                "{\"engine\": \"ae4j-%s\", \"config\": \"%s\", \"rows_per_s\": %.1f, \"ms_per_step\": %.3f, "
                        + "\"steps\": %d, \"rows\": %d, \"us_per_row\": %.3f, \"alloc_bytes_per_step\": %.1f, "
                        + "\"heap_used_mb\": %.1f, \"data_mb\": %.1f, \"peak_rss_mb\": %.1f}",
                backendName, config, steps * batch / seconds[0], 1000 * seconds[0] / steps, steps, data.rows(),
                1e6 * seconds[0] / (steps * batch), allocPerStep, heapMb, dataMb, peakRssMb());
    }
}
