package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void aCompleteWriteReplacesTheTarget() throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "old");
        OutputFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        try (var l = Files.list(dir)) {
            assertEquals(List.of(f), l.toList());
        }
    }

    @Test
    void aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "old");
        assertThrows(IOException.class, () -> OutputFiles.write(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("boom");
        }));
        assertEquals("old", Files.readString(f));
        try (var l = Files.list(dir)) {
            assertEquals(List.of(f), l.toList());
        }
    }

    @Test
    void checkRejectsDirectoriesAndMissingParents() {
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> OutputFiles.check("--out", dir));
        assertEquals("--out: expected a file, got the directory " + dir, a.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.check("--out", dir.resolve("x/y.html")));
        assertEquals("--out: the directory of " + dir.resolve("x/y.html") + " does not exist", b.getMessage());
    }
}
