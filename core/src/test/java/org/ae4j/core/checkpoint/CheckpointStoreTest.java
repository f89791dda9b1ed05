package org.ae4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("model.onnx.ckpt");
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writeThenReadGivesAnEqualCheckpointBitForBit() {
        Checkpoint c = Fixtures.sample();
        CheckpointStore.write(file(), c);
        Checkpoint back = CheckpointStore.read(file());
        assertEquals(c, back);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(back.parameters().get("encoder.0.w")[1]));
        assertTrue(Float.isNaN(back.parameters().get("encoder.0.w")[2]));
        assertArrayEquals(new int[] {4, 0, 3, 1, 2}, back.permutation());
        assertEquals(List.of("encoder.0.w", "encoder.0.b"), List.copyOf(back.parameters().keySet()));
    }

    @Test
    void fileStartsWithMagicAndVersionAndDeclaresItsLength() throws IOException {
        CheckpointStore.write(file(), Fixtures.sample());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file()));
        byte[] magic = new byte[8];
        b.get(magic);
        assertEquals("AE4JCKPT", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b.getInt());
        assertEquals(Files.size(file()), b.getLong());
    }

    @Test
    void writeReplacesThePreviousCheckpointAndLeavesNoTemporaryFile() throws IOException {
        Checkpoint a = Fixtures.sample();
        CheckpointStore.write(file(), a);
        Checkpoint b = withStep(a, 99);
        CheckpointStore.write(file(), b);
        assertEquals(b, CheckpointStore.read(file()));
        assertEquals(List.of("model.onnx.ckpt"), listing());
    }

    @Test
    void writeCreatesMissingDirectories() {
        Path nested = dir.resolve("a/b/run.ckpt");
        CheckpointStore.write(nested, Fixtures.sample());
        assertEquals(Fixtures.sample(), CheckpointStore.read(nested));
    }

    @Test
    void truncatedFileIsRejectedNamingTheByteWhereItEnds() throws IOException {
        CheckpointStore.write(file(), Fixtures.sample());
        byte[] all = Files.readAllBytes(file());
        Files.write(file(), Arrays.copyOf(all, all.length / 2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.read(file()));
        assertEquals("checkpoint " + file() + ": truncated at byte " + all.length / 2 + ": the header declares "
                + all.length + " bytes", e.getMessage());
        assertEquals(file(), e.path());
    }

    @Test
    void everyTruncationIsRejectedWithACheckpointException() throws IOException {
        CheckpointStore.write(file(), Fixtures.sample());
        byte[] all = Files.readAllBytes(file());
        for (int n = 0; n < all.length; n++) {
            Files.write(file(), Arrays.copyOf(all, n));
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.read(file()),
                    "prefix of " + n + " bytes");
            assertTrue(e.getMessage().contains("truncated at byte " + n), e.getMessage());
        }
    }

    @Test
    void flippedByteIsCaughtByTheChecksum() throws IOException {
        CheckpointStore.write(file(), Fixtures.sample());
        byte[] all = Files.readAllBytes(file());
        all[all.length / 2] ^= 0x10;
        Files.write(file(), all);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.read(file()));
        assertTrue(e.getMessage().startsWith("checkpoint " + file() + ": checksum mismatch: stored CRC-32 "),
                e.getMessage());
    }

    @Test
    void everySingleFlippedBitIsRejected() throws IOException {
        CheckpointStore.write(file(), Fixtures.sample());
        byte[] all = Files.readAllBytes(file());
        for (int i = 0; i < all.length; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] bad = all.clone();
                bad[i] ^= (byte) (1 << bit);
                Files.write(file(), bad);
                assertThrows(CheckpointException.class, () -> CheckpointStore.read(file()),
                        "bit " + bit + " of byte " + i);
            }
        }
    }

    @Test
    void wrongMagicIsRejectedAsNotACheckpoint() throws IOException {
        Files.writeString(file(), "PK\u0003\u0004 this is a zip, not a checkpoint at all");
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.read(file()));
        assertEquals("checkpoint " + file() + ": not an ae4j checkpoint: bad magic (expected \"AE4JCKPT\", found "
                + "\"PK\\x03\\x04 thi\")", e.getMessage());
    }

    @Test
    void newerFormatVersionIsRejectedByNumber() throws IOException {
        CheckpointStore.write(file(), Fixtures.sample());
        byte[] all = Files.readAllBytes(file());
        ByteBuffer.wrap(all).putInt(8, 2);
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 4);
        ByteBuffer.wrap(all).putInt(all.length - 4, (int) crc.getValue());
        Files.write(file(), all);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointStore.read(file()));
        assertEquals("checkpoint " + file() + ": format version 2 is not supported (this ae4j reads version 1)",
                e.getMessage());
    }

    @Test
    void missingFileIsReportedByName() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointStore.read(dir.resolve("nope.ckpt")));
        assertEquals("checkpoint " + dir.resolve("nope.ckpt") + ": no such file", e.getMessage());
    }

    @Test
    void failedWriteLeavesThePreviousCheckpointIntactAndNoTemporaryFile() throws IOException {
        Checkpoint previous = Fixtures.sample();
        CheckpointStore.write(file(), previous);
        byte[] before = Files.readAllBytes(file());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointStore.write(file(), withStep(previous, 1000), ch -> failingAfter(ch, 100)));
        assertTrue(e.getMessage().contains("could not write"), e.getMessage());
        assertTrue(e.getMessage().contains("the previous checkpoint is untouched"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
        assertEquals(previous, CheckpointStore.read(file()));
        assertEquals(List.of("model.onnx.ckpt"), listing());
    }

    @Test
    void writeIntoAReadOnlyDirectoryFailsAndLeavesThePreviousCheckpoint() throws IOException {
        Checkpoint previous = Fixtures.sample();
        CheckpointStore.write(file(), previous);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(dir), "running as a user who may write anywhere (root)");
            assertThrows(CheckpointException.class, () -> CheckpointStore.write(file(), withStep(previous, 5)));
            assertEquals(previous, CheckpointStore.read(file()));
            assertEquals(List.of("model.onnx.ckpt"), listing());
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void staleTemporaryFilesOfThisCheckpointAreDeletedAndOthersKept() throws IOException {
        CheckpointStore.write(file(), Fixtures.sample());
        Files.writeString(dir.resolve(".model.onnx.ckpt.3fa9c2e1d0b4a577.tmp"), "half a checkpoint");
        Files.writeString(dir.resolve(".other.ckpt.3fa9c2e1d0b4a577.tmp"), "someone else's");
        Files.writeString(dir.resolve("model.onnx"), "the model");
        assertEquals(1, CheckpointStore.deleteStaleTemporaries(file()));
        assertEquals(List.of(".other.ckpt.3fa9c2e1d0b4a577.tmp", "model.onnx", "model.onnx.ckpt"), listing());
    }

    @Test
    void checkpointBesideAModelAddsTheSuffix() {
        assertEquals(dir.resolve("fmnist.onnx.ckpt"), CheckpointPolicy.besideModel(dir.resolve("fmnist.onnx")));
    }

    @Test
    void checkpointsThatDifferInOneFloatBitAreNotEqual() {
        Checkpoint a = Fixtures.sample();
        java.util.Map<String, float[]> p = new java.util.LinkedHashMap<>(a.parameters());
        float[] w = p.get("encoder.0.w").clone();
        w[0] = Math.nextUp(w[0]);
        p.put("encoder.0.w", w);
        Checkpoint b = new Checkpoint(a.spec(), a.config(), a.backend(), a.data(), a.inputDim(), a.normalization(),
                p, a.optimizerState(), a.position(), a.shuffleRngState(), a.noiseRngState(), a.permutation(),
                a.epochSoFar(), a.history(), a.best());
        assertNotEquals(a, b);
        assertFalse(b.equals(a));
    }

    static Checkpoint withStep(Checkpoint a, long step) {
        return new Checkpoint(a.spec(), a.config(), a.backend(), a.data(), a.inputDim(), a.normalization(),
                a.parameters(), a.optimizerState(), new Checkpoint.Position(a.position().epochsDone(),
                a.position().stepInEpoch(), step, false), a.shuffleRngState(), a.noiseRngState(), a.permutation(),
                a.epochSoFar(), a.history(), a.best());
    }

    /** A channel that fails once more than limit bytes have been written through it. */
    private static WritableByteChannel failingAfter(WritableByteChannel ch, long limit) {
        return new WritableByteChannel() {
            long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written + src.remaining() > limit) {
                    ByteBuffer part = src.duplicate();
                    part.limit(part.position() + (int) (limit - written));
                    written += ch.write(part);
                    throw new IOException("injected failure: device full after " + written + " bytes");
                }
                int n = ch.write(src);
                written += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return ch.isOpen();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
