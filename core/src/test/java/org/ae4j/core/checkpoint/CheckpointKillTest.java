package org.ae4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real training process (SIGKILL on Unix) at random moments; the checkpoint must always load. */
class CheckpointKillTest {
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void checkpointAlwaysLoadsAfterTheTrainingProcessIsKilledAtRandomMoments() throws Exception {
        Path file = dir.resolve("run.ckpt");
        Path log = dir.resolve("child.log");
        Random random = new Random(20240607);
        long lastStep = 0;
        int interruptedWrites = 0;
        for (int i = 0; i < KILLS; i++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    KillTarget.class.getName(), file.toString())
                    .redirectError(log.toFile()).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = out.readLine();
                if (!"training".equals(line)) {
                    p.waitFor(10, TimeUnit.SECONDS);
                    fail("run " + i + ": the training process did not start (exit " + p.exitValue() + "):\n"
                            + Files.readString(log));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!Files.exists(file) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(150));
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
            Checkpoint c = CheckpointStore.read(file);
            assertTrue(c.position().globalStep() >= lastStep, "kill " + i + ": step went back from " + lastStep
                    + " to " + c.position().globalStep());
            lastStep = c.position().globalStep();
            if (temporaries().size() > 0) {
                interruptedWrites++;
            }
            assertTrue(temporaries().size() <= 1, "stale temporaries are cleaned up: " + temporaries());
        }
        System.out.println("kill test: " + KILLS + " kills, " + interruptedWrites + " of them during a write; "
                + "training reached step " + lastStep);
        assertTrue(lastStep > KILLS, "training progressed across restarts: step " + lastStep);
        assertEquals(Fixtures.maskedSpec().describe(), CheckpointStore.read(file).spec());
    }

    private List<String> temporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))
                    .collect(Collectors.toList());
        }
    }
}
