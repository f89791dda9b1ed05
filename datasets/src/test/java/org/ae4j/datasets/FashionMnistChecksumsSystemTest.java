package org.ae4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Checks the Fashion-MNIST SHA-256s in {@link Mirror#fashionMnist()} against Debian's {@code
 * dataset-fashion-mnist} files in /usr/share/datasets/fashion-mnist (.ci/run installs it): those are the official
 * files with the gzip header's name and time fields stripped, so restoring them must give the official bytes
 * (as datasets/scripts/fashion-mnist-checksums.py does). Tagged "system": run with -Psystem.
 */
@Tag("system")
class FashionMnistChecksumsSystemTest {
    /** The gzip mtime of the official files: the train files were compressed 21 s before the test files. */
    private static final Map<String, Integer> MTIME = Map.of("train", 1504176606, "t10k", 1504176627);

    @Test
    void theDebianFilesWithTheirOfficialGzipHeaderHaveThePublishedSha256s() throws IOException,
            NoSuchAlgorithmException {
        Path dir = DatasetLocator.SYSTEM_ROOT.resolve(NamedDatasets.FASHION_MNIST);
        for (Map.Entry<String, String> e : Mirror.fashionMnist().sha256().entrySet()) {
            byte[] debian = Files.readAllBytes(dir.resolve(e.getKey()));
            byte[] official = officialHeader(debian, e.getKey());

            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(official));

            assertEquals(e.getValue(), sha, e.getKey());
        }
    }

    private static byte[] officialHeader(byte[] debian, String file) {
        byte[] name = (file.substring(0, file.length() - 3) + "\0").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(debian.length + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x1f).put((byte) 0x8b).put((byte) 8).put((byte) 8);
        b.putInt(MTIME.get(file.substring(0, file.indexOf('-'))));
        b.put(debian, 8, 2).put(name).put(debian, 10, debian.length - 10);
        return b.array();
    }
}
