package org.ae4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ae4j.backend.ort.ModelPart;
import org.ae4j.backend.ort.OnnxModelFormat;
import org.ae4j.backend.ort.OnnxModelIO;
import org.ae4j.core.data.Dataset;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.registry.PluginRegistry;
import org.ae4j.datasets.Split;

/**
 * ONNX Runtime's own profile of the exported model computing the per-row score, the output that ae4j's session
 * path is slower on at batch 1,024: the median kernel time of each node over many runs (ORT's session profiling),
 * beside the median time of a run with and without profiling (profiling adds its own cost per node, so the node
 * times are upper bounds). The model has its initial weights (the time does not depend on their values) and
 * scores the test split's rows. ae4j's side is {@code C1StepProfile 6 2 C1 score} in the cpu backend's tests.
 * Usage: {@code OrtScoreProfile [config] [batch] [threads] [runs]}, default C1a 1024 2 200.
 */
public final class OrtScoreProfile {
    private OrtScoreProfile() {
    }

    public static void main(String[] args) throws Exception {
        String config = args.length > 0 ? args[0] : "C1a";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        if (batch < 1 || threads < 1 || runs < 10) {
            throw new IllegalArgumentException("expected batch >= 1, threads >= 1 and runs >= 10, got " + batch + ", "
                    + threads + ", " + runs);
        }
        Dataset data = TrainBench.load(Split.TEST);
        Autoencoder model = Autoencoder.initialize(TrainBench.spec(new PluginRegistry(), config), data.cols(), 42);
        Path dir = Files.createTempDirectory("ae4j-ort-profile");
        Path file = dir.resolve("full.onnx");
        OnnxModelIO.save(model, ModelPart.FULL, file, Map.of("bench", "OrtScoreProfile"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double plain;
        Path profile;
        double[] profiled;
        try (SessionOptions o = InferenceBench.ortOptions(threads);
             OrtSession s = env.createSession(file.toString(), o)) {
            plain = median(time(env, s, data, batch, runs));
        }
        try (SessionOptions o = InferenceBench.ortOptions(threads)) {
            o.enableProfiling(dir.resolve("ort").toString());
            try (OrtSession s = env.createSession(file.toString(), o)) {
                profiled = time(env, s, data, batch, runs);
                profile = Path.of(s.endProfiling());
            }
        }
        System.out.printf(Locale.ROOT, "ONNX Runtime %s, %s score at batch %d, %d threads, %d runs: %.3f ms per run "
                        + "(%.3f with profiling)%n%n", env.getVersion(), config, batch, threads, runs, plain,
                median(profiled));
        System.out.print(table(nodeTimes(profile)));
    }

    /** Runs the score output {@code runs} times after as many warm-up runs, batches taken in turn; ms per run. */
    private static double[] time(OrtEnvironment env, OrtSession s, Dataset data, int batch, int runs)
            throws OrtException {
        int cols = data.cols();
        int batches = Math.max(1, data.rows() / batch);
        int rows = Math.min(batch, data.rows());
        FloatBuffer in = ByteBuffer.allocateDirect(rows * cols * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        double[] ms = new double[runs];
        for (int r = -runs; r < runs; r++) {
            long t0 = System.nanoTime();
            in.clear();
            in.put(data.values(), Math.floorMod(r, batches) * rows * cols, rows * cols).flip();
            try (OnnxTensor t = OnnxTensor.createTensor(env, in, new long[] {rows, cols});
                 OrtSession.Result out = s.run(Map.of(OnnxModelFormat.INPUT, t), Set.of(OnnxModelFormat.SCORE))) {
                if (r >= 0) {
                    ms[r] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return ms;
    }

    /** Every node's kernel times in ms from an ORT profile, by "node (op)" in the order the file first has them. */
    static Map<String, double[]> nodeTimes(Path profile) throws IOException {
        JsonNode events = new ObjectMapper().readTree(profile.toFile());
        if (events == null || !events.isArray()) {
            throw new IllegalArgumentException("ONNX Runtime profile " + profile + ": expected a JSON array of "
                    + "events, found " + (events == null ? "nothing" : events.getNodeType()));
        }
        Map<String, List<Double>> byNode = new LinkedHashMap<>();
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (!e.path("cat").asText().equals("Node") || !name.endsWith("_kernel_time")) {
                continue;
            }
            String node = name.substring(0, name.length() - "_kernel_time".length());
            String key = node + " (" + e.path("args").path("op_name").asText("?") + ")";
            byNode.computeIfAbsent(key, k -> new ArrayList<>()).add(e.path("dur").asDouble() / 1000);
        }
        if (byNode.isEmpty()) {
            throw new IllegalArgumentException("ONNX Runtime profile " + profile + ": expected node kernel times, "
                    + "found none");
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        byNode.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** A Markdown table of each node's median time, slowest first, and their sum. */
    static String table(Map<String, double[]> times) {
        List<Map.Entry<String, Double>> rows = new ArrayList<>();
        times.forEach((k, v) -> rows.add(Map.entry(k, median(v))));
        rows.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        StringBuilder b = new StringBuilder("| node (op) | median ms |\n|---|---|\n");
        double sum = 0;
        for (Map.Entry<String, Double> r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %.3f |%n", r.getKey(), r.getValue()));
            sum += r.getValue();
        }
        b.append(String.format(Locale.ROOT, "| all nodes | %.3f |%n", sum));
        return b.toString();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
