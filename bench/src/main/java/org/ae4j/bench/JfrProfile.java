package org.ae4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU time of a JFR recording went, from its execution samples ({@code jdk.ExecutionSample}): each sample
 * is charged to the innermost ae4j frame of its stack (JFR keeps inlined methods as frames, so a sample inside a
 * Vector API call is charged to the kernel that made it), and that frame's class to a {@link Kind} of work. Prints
 * the share of each kind, of each thread and of the most sampled methods. {@link TrainBench} records with
 * {@code -Dae4j.bench.jfr=DIR} and marks its timed epoch; only that epoch's samples count. Usage:
 * {@code JfrProfile <recording.jfr> [methods to list]}.
 */
public final class JfrProfile {
    /** What a sample's innermost ae4j frame was doing, from its class. */
    enum Kind {
        GEMM("matrix products (kernel, packing)"),
        ADAM("Adam update"),
        ELEMENTWISE("fused elementwise steps"),
        REDUCTION("sums, transposes, broadcasts"),
        INPUT("batch copy into the session"),
        POOL("pool hand-off and waiting"),
        TRAINER("trainer, session and the rest of ae4j"),
        OTHER("no ae4j frame (JVM, JDK)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final String AE4J = "org.ae4j.";

    /** Sample counts of one recording. */
    /** {@code epoch}: the run of the timed epoch the samples were taken in, or null for the whole recording. */
    record Summary(int samples, String epoch, Map<Kind, Integer> byKind, Map<String, Map<Kind, Integer>> byThread,
                   Map<String, Integer> byMethod) {
    }

    private JfrProfile() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: JfrProfile <recording.jfr> [methods to list]");
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.print(format(summarize(Path.of(args[0])), top));
    }

    /**
     * The kind of work of an ae4j class: a nested class, or a lambda's class, counts as its outer class (except
     * the session's input copy).
     */
    static Kind kind(String className) {
        if (!className.startsWith(AE4J)) {
            return Kind.OTHER;
        }
        if (className.endsWith("CpuSession$InputCopy")) {
            return Kind.INPUT;
        }
        int nested = className.indexOf('$');
        String outerName = nested < 0 ? className : className.substring(0, nested);
        String outer = outerName.substring(outerName.lastIndexOf('.') + 1);
        return switch (outer) {
            case "Gemm", "GemmTask", "GemmPacking", "VectorGemm" -> Kind.GEMM;
            case "AdamStep", "AdamUpdate", "VectorAdam" -> Kind.ADAM;
            case "Elementwise", "VectorElementwise", "FusedStep", "ElementwiseSteps" -> Kind.ELEMENTWISE;
            case "Layout", "LayoutSteps" -> Kind.REDUCTION;
            case "WorkerPool" -> Kind.POOL;
            default -> Kind.TRAINER;
        };
    }

    /**
     * Counts the execution samples of a recording: those taken during its last {@link TimedEpoch} when it has one
     * (what {@link TrainBench} writes), else all. A file without any sample is an error that says so.
     */
    static Summary summarize(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("JFR recording: expected a file, found nothing at " + file);
        }
        List<RecordedEvent> events;
        try {
            events = RecordingFile.readAllEvents(file);
        } catch (IOException e) {
            throw new UncheckedIOException("JFR recording " + file + ": " + e.getMessage(), e);
        }
        RecordedEvent epoch = null;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals(TimedEpoch.NAME)
                    && (epoch == null || e.getEndTime().isAfter(epoch.getEndTime()))) {
                epoch = e;
            }
        }
        Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
        Map<String, Map<Kind, Integer>> byThread = new TreeMap<>();
        Map<String, Integer> byMethod = new LinkedHashMap<>();
        int samples = 0;
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || epoch != null
                    && (e.getStartTime().isBefore(epoch.getStartTime()) || e.getStartTime().isAfter(epoch.getEndTime()))) {
                continue;
            }
            samples++;
            RecordedFrame frame = innermostAe4jFrame(e.getStackTrace());
            String type = frame == null ? null : frame.getMethod().getType().getName();
            Kind k = type == null ? Kind.OTHER : kind(type);
            byKind.merge(k, 1, Integer::sum);
            byMethod.merge(type == null ? "(no ae4j frame)" : type + "." + frame.getMethod().getName(), 1,
                    Integer::sum);
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            byThread.computeIfAbsent(thread, t -> new EnumMap<>(Kind.class)).merge(k, 1, Integer::sum);
        }
        if (samples == 0) {
            throw new IllegalArgumentException("JFR recording " + file + ": expected jdk.ExecutionSample events"
                    + (epoch == null ? "" : " during the timed epoch (" + epoch.getString("run") + ")")
                    + ", found none (was it recorded with execution sampling enabled?)");
        }
        return new Summary(samples, epoch == null ? null : epoch.getString("run"), byKind, byThread, byMethod);
    }

    /** The innermost frame in ae4j's packages, or null when no frame is ae4j's. */
    private static RecordedFrame innermostAe4jFrame(RecordedStackTrace stack) {
        if (stack == null) {
            return null;
        }
        for (RecordedFrame f : stack.getFrames()) {
            if (f.getMethod().getType().getName().startsWith(AE4J)) {
                return f;
            }
        }
        return null;
    }

    /**
     * The summary as Markdown: the share of all samples by kind of work, overall and per thread (JFR samples a
     * thread only while it runs Java code: one that yields or is parked, waiting for work, is not sampled, so its
     * column adds up to less than the others), then the {@code top} most sampled methods.
     */
    static String format(Summary s, int top) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d execution samples%s, share of all of them%n%n| work | all |",
                s.samples(), s.epoch() == null ? "" : " during the timed epoch of " + s.epoch()));
        // Threads with at least 0.5 % of the samples (JFR's own threads show up with a handful).
        Map<String, Map<Kind, Integer>> threads = new TreeMap<>();
        s.byThread().forEach((t, kinds) -> {
            if (kinds.values().stream().mapToInt(Integer::intValue).sum() * 200L >= s.samples()) {
                threads.put(t, kinds);
            }
        });
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String thread : threads.keySet()) {
            b.append(' ').append(thread).append(" |");
            rule.append("---|");
        }
        b.append(System.lineSeparator()).append(rule).append(System.lineSeparator());
        for (Kind k : Kind.values()) {
            int n = s.byKind().getOrDefault(k, 0);
            if (n == 0) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %.1f %% |", k.label, 100.0 * n / s.samples()));
            for (Map<Kind, Integer> t : threads.values()) {
                b.append(String.format(Locale.ROOT, " %.1f %% |", 100.0 * t.getOrDefault(k, 0) / s.samples()));
            }
            b.append(System.lineSeparator());
        }
        b.append(String.format(Locale.ROOT, "| total | 100 %% |"));
        for (Map<Kind, Integer> t : threads.values()) {
            int sum = t.values().stream().mapToInt(Integer::intValue).sum();
            b.append(String.format(Locale.ROOT, " %.1f %% |", 100.0 * sum / s.samples()));
        }
        b.append(String.format(Locale.ROOT, "%n%n| method (innermost ae4j frame) | share |%n|---|---|%n"));
        List<Map.Entry<String, Integer>> methods = new ArrayList<>(s.byMethod().entrySet());
        methods.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Integer> e : methods.subList(0, Math.min(top, methods.size()))) {
            String m = e.getKey().startsWith(AE4J) ? e.getKey().substring(AE4J.length()) : e.getKey();
            b.append(String.format(Locale.ROOT, "| %s | %.1f %% |%n", m, 100.0 * e.getValue() / s.samples()));
        }
        return b.toString();
    }
}
