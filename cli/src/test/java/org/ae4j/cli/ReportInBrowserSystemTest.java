package org.ae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report in headless Chromium (Debian package {@code chromium}, at /usr/bin/chromium or
 * {@code -Dae4j.chromium=PATH}; {@code .ci/run} installs it): every picture must load, and the page must render to a non-trivial screenshot. Fails, not skips,
 * without Chromium. Only a copy of the page made for this test gets a small script that writes how many images
 * loaded into the DOM; the report itself has no scripts.
 */
@Tag("system")
class ReportInBrowserSystemTest {
    /** The browser; another path with -Dae4j.chromium=PATH. */
    static final Path CHROMIUM = Path.of(System.getProperty("ae4j.chromium", "/usr/bin/chromium"));
    private static final String PROBE = "<script>window.addEventListener('load', function () {"
            + " var imgs = document.images, ok = 0;"
            + " for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++; }"
            + " var d = document.createElement('div'); d.id = 'ae4j-image-check';"
            + " d.textContent = 'images loaded: ' + ok + ' of ' + imgs.length; document.body.appendChild(d); });"
            + "</script>\n";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result chromium(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theReportRendersInHeadlessChromiumWithEveryImageLoaded() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "this system check needs Chromium at " + CHROMIUM
                + "; install it with: apt-get install -y chromium (.ci/run does)");
        Path report = dir.resolve("report.html");
        Cli.Run run = Cli.run(Cli.quick("--report", report.toString(), "--corruption", "gaussian:sigma=0.2"));
        assertEquals(0, run.code(), run::toString);
        String html = Files.readString(report);
        int expected = ReportTest.images(html).size();
        assertEquals(4, expected);

        Path probed = dir.resolve("report-probed.html");
        Files.writeString(probed, html.replace("</body>", PROBE + "</body>"));
        Result dom = chromium("--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom",
                probed.toUri().toString());
        assertEquals(0, dom.code(), dom::toString);
        assertTrue(dom.out().contains("images loaded: " + expected + " of " + expected), () -> "DOM after load: "
                + dom.out().substring(Math.max(0, dom.out().length() - 400)) + "\nstderr: " + dom.err());
        for (String line : dom.err().lines().toList()) {
            assertFalse(line.contains("CONSOLE") && line.toLowerCase(java.util.Locale.ROOT).contains("error"),
                    "console error: " + line);
            assertFalse(line.contains("Uncaught") || line.contains("net::ERR_"), "page error: " + line);
        }

        Path shot = dir.resolve("screenshot.png");
        Result s = chromium("--screenshot=" + shot, "--window-size=1200,2000", "--hide-scrollbars",
                report.toUri().toString());
        assertEquals(0, s.code(), s::toString);
        assertTrue(Files.size(shot) > 10_000, "screenshot of " + Files.size(shot) + " bytes");
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "the screenshot is a PNG");
        assertEquals(1200, img.getWidth());
        assertEquals(2000, img.getHeight());
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colors.add(img.getRGB(x, y));
            }
        }
        assertTrue(colors.size() > 100, "a rendered page, not a blank one: " + colors.size() + " colours");
    }
}
