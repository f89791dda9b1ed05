package org.ae4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A process that only scores rows (the per-row score at batch 1,024, as {@code ae4j score} runs it) allocates
 * nothing per run once warm, seconds into the run. In a fresh JVM the unary kernel table's call site sees only
 * TANH; the JIT used to inline the whole tanh, with its three passes, into the fused block loop, ran out of inlining
 * budget there, and left a Vector API call to its allocating Java fallback: 6.4 MB per run in 6 JVMs of 6, 3 s
 * into the run. The run has to be a fresh JVM (this one's profiles have seen every kernel) and long enough for the
 * JIT to reach its final code. In the suite's scalar-kernels execution the child runs without the Vector API
 * module too, and checks the pure-Java kernels' steady state.
 */
class ScoreSteadyStateTest {
    private static final Pattern ALLOCATED = Pattern.compile("([0-9.]+) bytes allocated per step");

    @Test
    void scoringAloneAllocatesNothingPerRunOnceWarm() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!Boolean.getBoolean("ae4j.test.expectScalar")) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), C1StepProfile.class.getName(), "6", "2",
                "C1", "score"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the profile did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        Matcher m = ALLOCATED.matcher(out);
        assertTrue(m.find(), "expected a line with the bytes allocated per step, got: " + out);
        double perRun = Double.parseDouble(m.group(1));
        assertTrue(perRun < 100, "a warm score run of 1,024 rows allocated " + perRun + " bytes: " + out);
    }
}
