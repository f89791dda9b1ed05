package org.ae4j.backend.ort;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.ae4j.core.model.Autoencoder;
import org.ae4j.core.registry.PluginRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX as ae4j's model format: writes a trained {@link Autoencoder} (or its encoder or decoder alone) as a
 * standalone .onnx file that any ONNX runtime can run, and reads full models back for more inference or training.
 * The format, graph names and metadata keys are in {@link OnnxModelFormat}.
 *
 * <p>Writes go to a temporary file in the target's directory, which is then renamed over the target atomically:
 * a failed export leaves any existing file untouched. Every failure throws {@link OnnxModelException} naming the
 * file.
 */
public final class OnnxModelIO {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxModelIO.class);
    private static final String TEMP_SUFFIX = ".tmp";

    private OnnxModelIO() {
    }

    /** Writes the full model (input, code, reconstruction, score); see {@link #save(Autoencoder, ModelPart, Path, Map)}. */
    public static void save(Autoencoder model, Path file, Map<String, String> provenance) {
        save(model, ModelPart.FULL, file, provenance);
    }

    /**
     * Writes one part of a model, replacing {@code file} if it exists (creating its directory if needed).
     *
     * @param provenance free-form facts to store with the model (versions, dataset, seed, final metrics, resolved
     *     config); metadata keys {@value OnnxModelFormat#PROVENANCE_PREFIX}{@code key}
     * @throws OnnxModelException when the model cannot be exported or written; an existing file is then untouched
     */
    public static void save(Autoencoder model, ModelPart part, Path file, Map<String, String> provenance) {
        Path target = file.toAbsolutePath();
        byte[] bytes;
        try {
            bytes = OnnxModelExporter.toBytes(model, part, provenance);
        } catch (RuntimeException e) {
            throw new OnnxModelException(target, "cannot export the " + part.optionName() + " model: " + e.getMessage()
                    + "; nothing was written", e);
        }
        writeAtomically(target, bytes);
        LOG.debug("wrote {} ({} model, {} bytes)", target, part.optionName(), bytes.length);
    }

    /**
     * Reads a full model back: its spec is rebuilt through the registry, parameters and normalization come from
     * the file. Optimizer state is not stored, so further training starts with a fresh one.
     *
     * @throws OnnxModelException naming the file: unreadable, not ONNX or truncated, not an ae4j model, not a full
     *     model, unknown plugins, missing or mis-shaped initializers
     */
    public static Autoencoder load(Path file, PluginRegistry registry) {
        return read(file, registry).model();
    }

    /** As {@link #load}, with the file's metadata and provenance. */
    public static LoadedModel read(Path file, PluginRegistry registry) {
        byte[] bytes = bytes(file);
        try {
            return OnnxModelImporter.read(OnnxModelImporter.parse(bytes), registry);
        } catch (RuntimeException e) {
            throw new OnnxModelException(file, e.getMessage(), e);
        }
    }

    /** The metadata and provenance of an ae4j file of any part (full, encoder or decoder). */
    public static OnnxModelInfo info(Path file) {
        byte[] bytes = bytes(file);
        try {
            return OnnxModelImporter.info(OnnxModelImporter.parse(bytes));
        } catch (RuntimeException e) {
            throw new OnnxModelException(file, e.getMessage(), e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new OnnxModelException(file, "no such file", e);
        } catch (IOException | OutOfMemoryError e) {
            throw new OnnxModelException(file, "could not read (" + e + ")", e);
        }
    }

    /** Writes a temporary file beside the target, syncs it and renames it over the target. */
    static void writeAtomically(Path target, byte[] bytes) {
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                    .nextLong()) + TEMP_SUFFIX);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (AtomicMoveNotSupportedException e) {
            throw new OnnxModelException(target, "the file system cannot rename atomically; nothing was replaced", e);
        } catch (IOException e) {
            throw new OnnxModelException(target, "could not write (" + e + "); an existing file is untouched", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warn("could not delete the temporary file {}: {}", temp, e.toString());
                }
            }
        }
    }
}
