package org.ae4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ae4j.core.train.TrainingListener;

/** Runs the command in-process and captures what it prints. */
final class Cli {
    private static final Pattern EPOCH = Pattern.compile("^epoch\\s+(\\d+)\\s+loss\\s+([0-9.]+)", Pattern.MULTILINE);

    private Cli() {
    }

    /** Exit code and output of one run. */
    record Run(int code, String out, String err) {
        /** The loss of each epoch line printed (in order). */
        List<Double> epochLosses(String text) {
            List<Double> l = new ArrayList<>();
            Matcher m = EPOCH.matcher(text);
            while (m.find()) {
                l.add(Double.parseDouble(m.group(2)));
            }
            return l;
        }

        /** Lines of standard error that are not log lines of libraries ({@code [INFO] ...}). */
        List<String> errorLines() {
            return err.lines().filter(l -> !l.startsWith("[")).toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    /** Runs with the real (ONNX) model files. */
    static Run run(String... args) {
        return run(new OnnxModelFiles(), args);
    }

    static Run run(ModelFiles files, String... args) {
        return run(files, List.of(), args);
    }

    /** Runs with extra listeners on every training run. */
    static Run run(ModelFiles files, List<TrainingListener> listeners, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), files, listeners, args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The quick training arguments of the tests: 500 embedded rows, 2 epochs, no progress bar. */
    static String[] quick(String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--limit", "500", "--epochs", "2", "--no-progress",
                "--eval-limit", "400"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }
}
