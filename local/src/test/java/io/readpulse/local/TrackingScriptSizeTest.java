package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The tracking script loads on every article page of every site, so its size is a promise: under
 * 2.5 KB gzipped (2,147 bytes before authors, tags, campaigns and read depth; 2,488 with them; 2,466 with the
 * campaign on every event and depthFrom, by
 * {@code gzip -9c web/t.js | wc -c}). Deflate at its best level plus gzip's 18 bytes of header and
 * trailer is what {@code gzip -9} writes, less the file name that {@code gzip -9c web/t.js} also stores (5 bytes).
 */
class TrackingScriptSizeTest {
    static final int LIMIT_BYTES = 2500;

    @Test
    void theTrackingScriptStaysUnderTwoAndAHalfKilobytesGzipped() throws IOException {
        byte[] script = Files.readAllBytes(Fixtures.repositoryRoot().resolve("web/t.js"));
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION, true))) {
            out.write(script);
        }
        int gzipped = deflated.size() + 18;
        assertTrue(gzipped < LIMIT_BYTES, "web/t.js is " + gzipped + " bytes gzipped; at most " + LIMIT_BYTES
                + " are allowed: every article page of every site loads it");
    }
}
