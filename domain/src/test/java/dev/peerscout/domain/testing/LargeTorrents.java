package dev.peerscout.domain.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Torrents too large to keep in the repository, written by the tests that need them (as bench/bounds.sh does). */
public final class LargeTorrents {
    /** Files in {@link #oneMillionFiles}. */
    public static final int MILLION = 1_000_000;

    private LargeTorrents() {}

    /** Files {@code dir/f0} to {@code dir/f999999} of one byte each: about 35 MB, under the 64 MiB size cap. */
    public static Path oneMillionFiles(Path file) throws IOException {
        long pieces = (MILLION + 16_383) / 16_384;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ascii("d4:infod5:filesl"));
            for (int i = 0; i < MILLION; i++) {
                String name = "f" + i;
                out.write(ascii("d6:lengthi1e4:pathl3:dir" + name.length() + ":" + name + "ee"));
            }
            out.write(ascii("e4:name4:many12:piece lengthi16384e6:pieces" + pieces * 20 + ":"));
            out.write(new byte[(int) pieces * 20]);
            out.write(ascii("ee"));
        }
        return file;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
