package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>");
    private static final Pattern SRC = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path dir;

    /** The decoded PNG of every img tag (failing on any img that is not an embedded PNG). */
    static List<BufferedImage> images(String html) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            Matcher s = SRC.matcher(m.group());
            assertTrue(s.find(), "img without an embedded PNG: " + m.group().substring(0, Math.min(120, m.group().length())));
            byte[] png = Base64.getDecoder().decode(s.group(1));
            assertEquals((byte) 0x89, png[0]);
            assertEquals('P', png[1]);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(img, "decodable PNG");
            assertTrue(img.getWidth() > 10 && img.getHeight() > 10);
            out.add(img);
        }
        return out;
    }

    @Test
    void theReportIsOneSelfContainedPageWithFourPictures() throws Exception {
        Path report = dir.resolve("report.html");
        Cli.Run r = Cli.run(Cli.quick("--report", report.toString(), "--validation", "0.2"));
        assertEquals(0, r.code(), r::toString);
        String html = Files.readString(report);
        assertEquals(4, images(html).size(), "loss curves, reconstructions, filters, code histogram");
        for (String section : List.of("Loss curves", "Reconstructions", "Learned filters", "Code activations",
                "Evaluation", "Configuration")) {
            assertTrue(html.contains("<h2>" + section + "</h2>"), section);
        }
        assertTrue(html.contains("linear probe accuracy, codes"), "eval numbers in the page");
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        assertFalse(lower.contains("<script"), "no scripts");
        assertFalse(lower.contains("<link"), "no linked resources");
        assertFalse(lower.contains("http://") || lower.contains("https://") || lower.contains("file:"),
                "no external references");
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.trim().endsWith("</html>"));
    }

    @Test
    void denoisingModelsShowTheirCorruptedInputs() throws Exception {
        Path report = dir.resolve("report.html");
        Cli.Run r = Cli.run(Cli.quick("--report", report.toString(), "--corruption", "masking:level=0.5"));
        assertEquals(0, r.code(), r::toString);
        String html = Files.readString(report);
        List<BufferedImage> imgs = images(html);
        assertEquals(4, imgs.size());
        assertTrue(html.contains("with the model's corruption (masking:level=0.5"), "caption names the corruption");
        BufferedImage grid = imgs.get(1);
        int cell = 28 * 3 + 4;
        assertEquals(3 * cell + 4, grid.getHeight(), "three bands: inputs, corrupted, reconstructions");
        assertEquals(10 * cell + 4, grid.getWidth(), "one example per class");
    }

    @Test
    void deeperLayerwiseModelsAreReportedToo() throws Exception {
        Path report = dir.resolve("report.html");
        Cli.Run r = Cli.run(Cli.quick("--report", report.toString(), "--layers", "32,8", "--activation", "relu",
                "--layerwise", "--pretrain-epochs", "1", "--normalization", "min-max"));
        assertEquals(0, r.code(), r::toString);
        String html = Files.readString(report);
        assertEquals(4, images(html).size());
        assertTrue(html.contains("exact-graph"), "deeper encoder: exact per-row Jacobian");
        assertTrue(html.contains("fine-tuning the whole stack"));
    }
}
