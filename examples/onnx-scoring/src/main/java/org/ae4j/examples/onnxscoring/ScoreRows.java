package org.ae4j.examples.onnxscoring;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores the rows of a CSV file with an ae4j model exported as ONNX, using ONNX Runtime only (no ae4j on the
 * class path):
 *
 * <pre>
 *   java -cp onnxruntime-1.23.2.jar:. org.ae4j.examples.onnxscoring.ScoreRows model.onnx rows.csv
 * </pre>
 *
 * <p>The model's graph input {@code input} takes raw rows [batch, d] (any number of rows: the batch dimension is
 * symbolic); its output {@code score} [batch] is each row's reconstruction error Σ_i (x'_i − x̂_i)², in the
 * normalized units of the model (x' = (x − shift) · scale when the model was trained with a normalization, which the
 * graph applies itself). Higher means more anomalous. The CSV has d comma-separated numbers per line; an optional
 * first line of column names and blank lines are skipped. Prints {@code row,score} and then one line per row.
 */
public final class ScoreRows {
    private ScoreRows() {
    }

    /** Usage: {@code ScoreRows model.onnx rows.csv}. */
    public static void main(String[] args) throws IOException, OrtException {
        if (args.length != 2) {
            System.err.println("usage: ScoreRows model.onnx rows.csv");
            System.exit(2);
        }
        float[] scores = score(Path.of(args[0]), readCsv(Path.of(args[1])));
        print(scores, System.out);
    }

    /** Prints {@code row,score} and one line per row. */
    static void print(float[] scores, PrintStream out) {
        out.println("row,score");
        for (int i = 0; i < scores.length; i++) {
            out.println(i + "," + scores[i]);
        }
    }

    /** One score per row, from the model's {@code score} output; all rows go through ONNX Runtime in one run. */
    public static float[] score(Path model, List<float[]> rows) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.toString(), options)) {
            NodeInfo input = session.getInputInfo().get("input");
            if (input == null || !session.getOutputNames().contains("score")) {
                throw new IllegalArgumentException(model + ": expected a full ae4j model with input 'input' and "
                        + "output 'score', got inputs " + session.getInputNames() + " and outputs "
                        + session.getOutputNames());
            }
            long width = ((TensorInfo) input.getInfo()).getShape()[1];
            float[][] batch = rows.toArray(new float[0][]);
            for (int r = 0; r < batch.length; r++) {
                if (batch[r].length != width) {
                    throw new IllegalArgumentException("row " + r + ": the model expects " + width + " values, got "
                            + batch[r].length);
                }
            }
            if (batch.length == 0) {
                return new float[0];
            }
            try (OnnxTensor x = OnnxTensor.createTensor(env, batch);
                 OrtSession.Result result = session.run(Map.of("input", x), Set.of("score"))) {
                return (float[]) result.get(0).getValue();
            }
        }
    }

    /** The rows of a CSV file of numbers; a first line that is not numeric is taken as column names. */
    public static List<float[]> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<float[]> rows = new ArrayList<>();
        boolean first = true;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            float[] row = new float[cells.length];
            try {
                for (int j = 0; j < cells.length; j++) {
                    row[j] = Float.parseFloat(cells[j].strip());
                }
            } catch (NumberFormatException e) {
                if (first) {
                    first = false;
                    continue;
                }
                throw new IllegalArgumentException(csv + " line " + (n + 1) + ": expected numbers, got '" + line + "'",
                        e);
            }
            first = false;
            rows.add(row);
        }
        return rows;
    }
}
