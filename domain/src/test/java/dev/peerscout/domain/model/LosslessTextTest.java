package dev.peerscout.domain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LosslessTextTest {

    @Test
    void utf8IsDecodedAsSuchAndEveryOtherByteIsKept() {
        byte[] bytes = {
            'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xC3
        };
        String text = LosslessText.decode(bytes);

        assertEquals("a\u00e9\udcff\ud83d\ude00\udcc3", text);
        assertEquals(0xFF, LosslessText.escapedByte(text.charAt(2)));
        assertEquals(-1, LosslessText.escapedByte('a'));
        assertArrayEquals(bytes, LosslessText.encode(text));
    }

    @Test
    void aPairWhoseLowHalfLooksLikeAnEscapeStaysAPair() {
        String text = "\ud800\udcff"; // U+100FF
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), LosslessText.encode(text));
    }

    @Test
    void pathsKeepTheirBytesAbsoluteOrRelative(@TempDir Path dir) throws Exception {
        Path absolute = LosslessText.path(dir + "/x\u00e9 %25\udcff");
        Files.writeString(absolute, "here");
        assertEquals(1, Files.list(dir).count());
        assertEquals("here", Files.readString(absolute));
        Path relative = LosslessText.path("sub/\u00e9\udcff");
        assertEquals(false, relative.isAbsolute());
        assertEquals(2, relative.getNameCount());
        assertEquals(Path.of("plain/name"), LosslessText.path("plain/name"));
        assertThrows(IllegalArgumentException.class, () -> LosslessText.path("nul\u0000\u00e9"));
    }
}
