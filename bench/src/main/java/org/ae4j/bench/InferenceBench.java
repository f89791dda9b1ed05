package org.ae4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ae4j.backend.ort.ModelPart;
import org.ae4j.backend.ort.OnnxModelFormat;
import org.ae4j.backend.ort.OnnxModelIO;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.ir.Node;
import org.ae4j.core.ir.Program;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.model.Inference;
import org.ae4j.core.model.ModelGraph;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.core.spi.Backend;
import org.ae4j.core.spi.Session;
import org.ae4j.core.train.Trainer;
import org.ae4j.core.train.TrainingConfig;
import org.ae4j.datasets.Split;

/**
 * Inference throughput of ae4j's CPU backend beside plain ONNX Runtime running the model ae4j exports, in one run:
 * {@code encode} (the code of every row) and {@code score} (every row's reconstruction error) on the test and
 * training rows of Fashion-MNIST (the embedded rows when it is not installed). Usage:
 * {@code InferenceBench [config,...] [threads] [batch,...] [timings]}, defaults {@code C1a,C2a 2 256,1024 5}.
 *
 * <p>Per config the model is trained for 20 steps on the CPU backend (throughput does not depend on the values),
 * then written with {@link OnnxModelIO} as the encoder ({@code input -> code}) and the full model ({@code input ->
 * code, reconstruction, score}). Three engines:
 * <ul>
 *   <li>ae4j through an {@link Inference.Runner}, as {@code ae4j encode} and {@code ae4j score} run it: the
 *       program of the one output the command needs (batch {@link Inference#BATCH}, compiled once), run over chunks
 *       of {@value #CLI_CHUNK} rows into one reused array; only at batch {@link Inference#BATCH}, the one it
 *       has;</li>
 *   <li>ae4j through a {@link Session} on a program of only the output asked for (the code, or the score),
 *       compiled once per batch size: what the public core API allows at any batch size;</li>
 *   <li>plain ONNX Runtime: an {@link OrtSession} on the exported file (CPU execution provider, optimization level
 *       ALL, the same number of intra-op threads, one inter-op thread), each batch copied into a direct buffer and
 *       run asking for the one output ({@code code} of the encoder file, {@code score} of the full file).</li>
 * </ul>
 * After {@value #WARMUP} warm-up passes of each engine (whose outputs are compared with ORT's: a warning when
 * they differ by more than 1e-3 of the largest value), the engines take turns, each timing covering at least
 * {@value #MIN_ROWS} rows; the table has the median of the timings, and the notes under it every timing, with a
 * warning where the median is more than {@value #SPREAD}x the fastest or where other processes of this machine took
 * more than {@value #OTHERS} of a CPU meanwhile (from /proc/stat; a neighbour on the host may not show there).
 */
public final class InferenceBench {
    /** Rows the CLI hands to its {@link Inference.Runner} at a time (the cli module's {@code Scoring.CHUNK}). */
    static final int CLI_CHUNK = Inference.BATCH;
    /** Fewest rows in one timing. */
    static final int MIN_ROWS = 10_000;
    /** A median timing more than this factor above the fastest is reported as a warning. */
    static final double SPREAD = 1.15;
    /** Warm-up passes of every engine before the timings. */
    static final int WARMUP = 2;
    /** Other processes taking more than this share of one CPU during a timing is reported as a warning. */
    static final double OTHERS = 0.1;
    /** Steps of 128 rows trained before export. */
    static final int TRAIN_STEPS = 20;

    private InferenceBench() {
    }

    /** One way to compute an op's output for every row of the data into {@code out}. */
    private interface Engine extends AutoCloseable {
        void pass(Dataset data, float[] out);

        @Override
        default void close() {
        }
    }

    private enum Op {
        ENCODE, SCORE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Output values per row. */
        int width(Autoencoder m) {
            return this == ENCODE ? m.codeDim() : 1;
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> configs = List.of((args.length > 0 ? args[0] : "C1a,C2a").split(","));
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int[] batches = Arrays.stream((args.length > 2 ? args[2] : Inference.BATCH + ",1024").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int timings = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        if (timings < 1 || threads < 1 || Arrays.stream(batches).anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("expected threads, batch sizes and timings >= 1");
        }
        PluginRegistry registry = new PluginRegistry();
        Dataset train = TrainBench.load(Split.TRAIN);
        Dataset data = concat(TrainBench.load(Split.TEST), train);
        int passes = (MIN_ROWS + data.rows() - 1) / data.rows();
        OrtEnvironment env = OrtEnvironment.getEnvironment();

        System.out.println(header(env, data, threads, passes, timings));
        System.out.println();
        System.out.println("| config | op | batch | ae4j path | ae4j cpu rows/s | plain ORT rows/s | ae4j / ORT |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<String> notes = new ArrayList<>();
        for (String config : configs) {
            Autoencoder model;
            try (Backend cpu = TrainBench.backend(registry, "cpu", threads)) {
                model = new Trainer(cpu).fit(TrainBench.spec(registry, config),
                        train.slice(0, Math.min(train.rows(), TRAIN_STEPS * 128)),
                        new TrainingConfig(1, 128, 42, true, true, 0, 0, 0)).model();
            }
            Path dir = Files.createTempDirectory("ae4j-inference-bench");
            Path encoderFile = dir.resolve("encoder.onnx");
            Path fullFile = dir.resolve("full.onnx");
            OnnxModelIO.save(model, ModelPart.ENCODER, encoderFile, Map.of("bench", "InferenceBench"));
            OnnxModelIO.save(model, ModelPart.FULL, fullFile, Map.of("bench", "InferenceBench"));
            try (Backend cpu = TrainBench.backend(registry, "cpu", threads);
                 SessionOptions options = ortOptions(threads);
                 OrtSession encoder = env.createSession(encoderFile.toString(), options);
                 OrtSession full = env.createSession(fullFile.toString(), options)) {
                for (Op op : Op.values()) {
                    OrtSession ort = op == Op.ENCODE ? encoder : full;
                    String output = op == Op.ENCODE ? OnnxModelFormat.CODE : OnnxModelFormat.SCORE;
                    for (int batch : batches) {
                        List<String> names = new ArrayList<>();
                        List<Engine> engines = new ArrayList<>();
                        try {
                            if (batch == Inference.BATCH) {
                                names.add("Inference.Runner, as the CLI");
                                engines.add(cliPath(model, cpu, op));
                            }
                            names.add("session, " + output + " only");
                            engines.add(new SessionEngine(model, cpu, op, batch, data.rows()));
                            names.add("plain ORT");
                            engines.add(new OrtEngine(env, ort, output, batch, data.cols(), op.width(model)));
                            double[] maxDiff = new double[engines.size()];
                            double[][] seconds = measure(engines, data, op.width(model), passes, timings, notes,
                                    config + " " + op.label() + " " + batch, names, maxDiff);
                            double rows = (double) data.rows() * passes;
                            double ortRate = rows / median(seconds[engines.size() - 1]);
                            for (int e = 0; e < engines.size() - 1; e++) {
                                double rate = rows / median(seconds[e]);
                                System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %,.0f | %,.0f | %.2f |%n",
                                        config, op.label(), batch, names.get(e), rate, ortRate, rate / ortRate);
                            }
                            for (int e = 0; e < engines.size(); e++) {
                                notes.add(String.format(Locale.ROOT, "timings %s %s %d, %s: %s s%s", config,
                                        op.label(), batch, names.get(e), seconds(seconds[e]), e == engines.size() - 1
                                                ? "" : String.format(Locale.ROOT, "; max |ae4j - ORT| %.2g", maxDiff[e])));
                            }
                        } finally {
                            for (Engine e : engines) {
                                e.close();
                            }
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(encoderFile);
                Files.deleteIfExists(fullFile);
                Files.deleteIfExists(dir);
            }
        }
        System.out.println();
        for (String n : notes) {
            System.out.println("- " + n);
        }
    }

    private static String header(OrtEnvironment env, Dataset data, int threads, int passes, int timings) {
        return String.format(Locale.ROOT,
                "# ae4j inference throughput beside plain ONNX Runtime, %s, %d cores, %s, %s %s, ONNX Runtime %s, "
                        + "load average %s; %s (%d rows x %d features); %d threads; %d timings of %d rows each "
                        + "(median)",
                Instant.now().truncatedTo(ChronoUnit.MINUTES), Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), env.getVersion(),
                firstLine("/proc/loadavg", 3), data.source(), data.rows(), data.cols(), threads, timings,
                (long) passes * data.rows());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    /** The first {@code fields} space-separated fields of a file's first line, or "?". */
    private static String firstLine(String file, int fields) {
        try {
            String[] f = Files.readAllLines(Path.of(file)).get(0).split(" ");
            return String.join(" ", Arrays.copyOf(f, Math.min(fields, f.length)));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The test rows followed by the training rows. */
    private static Dataset concat(Dataset a, Dataset b) {
        float[] v = Arrays.copyOf(a.values(), a.values().length + b.values().length);
        System.arraycopy(b.values(), 0, v, a.values().length, b.values().length);
        return new Dataset(a.source() + " + " + b.source(), v, a.rows() + b.rows(), a.cols());
    }

    static SessionOptions ortOptions(int threads) throws OrtException {
        SessionOptions o = new SessionOptions();
        o.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        return o;
    }

    /**
     * Warms every engine with one pass, compares each ae4j engine's output with the last engine's (ORT) into
     * {@code maxDiff}, then times the engines in turn; seconds[engine][timing].
     */
    private static double[][] measure(List<Engine> engines, Dataset data, int width, int passes, int timings,
                                      List<String> notes, String what, List<String> names, double[] maxDiff) {
        float[][] out = new float[engines.size()][Math.multiplyExact(data.rows(), width)];
        for (int w = 0; w < WARMUP; w++) {
            for (int e = 0; e < engines.size(); e++) {
                engines.get(e).pass(data, out[e]);
            }
        }
        float[] reference = out[engines.size() - 1];
        for (int e = 0; e < engines.size() - 1; e++) {
            double diff = 0;
            double scale = 1;
            for (int i = 0; i < reference.length; i++) {
                diff = Math.max(diff, Math.abs(out[e][i] - reference[i]));
                scale = Math.max(scale, Math.abs(reference[i]));
            }
            maxDiff[e] = diff;
            if (!(diff <= 1e-3 * scale)) {
                notes.add(String.format(Locale.ROOT, "WARNING: %s, %s: max |ae4j - ORT| = %.3g (largest |ORT| %.3g)",
                        what, names.get(e), diff, scale));
            }
        }
        double[][] seconds = new double[engines.size()][timings];
        double others = othersCpuSeconds();
        long wall = System.nanoTime();
        for (int t = 0; t < timings; t++) {
            for (int e = 0; e < engines.size(); e++) {
                long start = System.nanoTime();
                for (int p = 0; p < passes; p++) {
                    engines.get(e).pass(data, out[e]);
                }
                seconds[e][t] = (System.nanoTime() - start) / 1e9;
            }
        }
        double otherShare = (othersCpuSeconds() - others) / ((System.nanoTime() - wall) / 1e9);
        if (otherShare > OTHERS) {
            notes.add(String.format(Locale.ROOT, "WARNING: %s: other processes (or the hypervisor) took %.0f%% of a CPU "
                    + "while it was timed; its numbers are not reliable", what, 100 * otherShare));
        }
        for (int e = 0; e < engines.size(); e++) {
            double min = Arrays.stream(seconds[e]).min().orElse(0);
            double median = median(seconds[e]);
            if (median > SPREAD * min) {
                notes.add(String.format(Locale.ROOT, "WARNING: %s, %s: the median timing is %.0f%% above the fastest "
                        + "(another process on the CPUs?)", what, names.get(e), 100 * (median / min - 1)));
            }
        }
        return seconds;
    }

    /**
     * CPU seconds taken so far by everything but this process, all CPUs together (steal time included), from
     * /proc/stat and /proc/self/stat in clock ticks of 1/100 s; NaN where they cannot be read (then no warning).
     */
    static double othersCpuSeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
                busy += Long.parseLong(cpu[i]);
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
            long mine = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime stime
            return (busy - mine) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String seconds(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double s : v) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", s));
        }
        return b.toString();
    }

    /**
     * What {@code ae4j encode} and {@code ae4j score} do with the rows of a file, without writing them out: one
     * {@link Inference.Runner} of the one output, chunks of {@value #CLI_CHUNK} rows run into one reused array.
     */
    private static Engine cliPath(Autoencoder model, Backend backend, Op op) {
        int width = op.width(model);
        Inference.Output output = op == Op.ENCODE ? Inference.Output.CODE : Inference.Output.SCORE;
        Inference.Runner runner = Inference.runner(model, backend, EnumSet.of(output));
        float[] rows = new float[CLI_CHUNK * width];
        return new Engine() {
            @Override
            public void pass(Dataset data, float[] out) {
                for (int from = 0; from < data.rows(); from += CLI_CHUNK) {
                    int to = Math.min(data.rows(), from + CLI_CHUNK);
                    Dataset chunk = data.slice(from, to);
                    runner.run(chunk, 0, op == Op.ENCODE ? rows : null, null, op == Op.SCORE ? rows : null);
                    System.arraycopy(rows, 0, out, from * width, (to - from) * width);
                }
            }

            @Override
            public void close() {
                runner.close();
            }
        };
    }

    /** ae4j sessions on the program of one output, for the batch size and for the last partial batch. */
    private static final class SessionEngine implements Engine {
        private final Autoencoder model;
        private final Batch main;
        private final Batch tail;
        private final int batch;

        SessionEngine(Autoencoder model, Backend backend, Op op, int batch, int rows) {
            this.model = model;
            this.batch = Math.min(batch, rows);
            this.main = new Batch(model, backend, op, this.batch);
            this.tail = rows % this.batch == 0 ? null : new Batch(model, backend, op, rows % this.batch);
        }

        @Override
        public void pass(Dataset raw, float[] out) {
            Dataset data = model.normalization().apply(raw);
            int start = 0;
            for (; start + batch <= data.rows(); start += batch) {
                main.run(data.values(), start, out);
            }
            if (start < data.rows()) {
                tail.run(data.values(), start, out);
            }
        }

        @Override
        public void close() {
            main.session.close();
            if (tail != null) {
                tail.session.close();
            }
        }

        private static final class Batch {
            final Session session;
            final Node x;
            final Node output;
            final float[] buf;

            Batch(Autoencoder model, Backend backend, Op op, int rows) {
                ModelGraph g = ModelGraph.inference(model.spec(), model.inputDim(), rows);
                output = op == Op.ENCODE ? g.encoder().code() : g.score();
                x = g.input();
                Program p = Program.of(List.of(output), Map.of());
                session = backend.open(p);
                for (Node param : p.parameters()) {
                    session.setParameter(param, model.parameter(param.name()));
                }
                buf = new float[output.shape().size()];
            }

            void run(float[] values, int startRow, float[] out) {
                session.setInput(x, values, startRow * x.shape().dim(1));
                session.run();
                session.getOutput(output, buf);
                System.arraycopy(buf, 0, out, startRow * (buf.length / x.shape().dim(0)), buf.length);
            }
        }
    }

    /** Plain ONNX Runtime on an exported file: one run per batch, asking for one output. */
    private static final class OrtEngine implements Engine {
        private final OrtEnvironment env;
        private final OrtSession session;
        private final Set<String> outputs;
        private final int batch;
        private final int cols;
        private final int width;
        private final FloatBuffer in;

        OrtEngine(OrtEnvironment env, OrtSession session, String output, int batch, int cols, int width) {
            this.env = env;
            this.session = session;
            this.outputs = Set.of(output);
            this.batch = batch;
            this.cols = cols;
            this.width = width;
            this.in = ByteBuffer.allocateDirect(Math.multiplyExact(batch, cols) * Float.BYTES)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        @Override
        public void pass(Dataset data, float[] out) {
            float[] v = data.values();
            try {
                for (int start = 0; start < data.rows(); start += batch) {
                    int n = Math.min(batch, data.rows() - start);
                    in.clear();
                    in.put(v, start * cols, n * cols).flip();
                    try (OnnxTensor t = OnnxTensor.createTensor(env, in, new long[] {n, cols});
                         OrtSession.Result r = session.run(Map.of(OnnxModelFormat.INPUT, t), outputs)) {
                        ((OnnxTensor) r.get(0)).getFloatBuffer().get(out, start * width, n * width);
                    }
                }
            } catch (OrtException e) {
                throw new IllegalStateException("onnxruntime: " + e.getMessage(), e);
            }
        }
    }
}
