package org.ae4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    static Run run(String... args) {
        return run(ModelFiles.unavailable(), args);
    }

    static Run run(ModelFiles files, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), files, args);
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
