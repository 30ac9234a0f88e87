package dev.peerscout.domain.model;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Bytes from the operating system (command-line arguments, file names) as text that keeps every
 * byte: UTF-8 where they are UTF-8, and each byte that is not as the lone surrogate U+DC80..U+DCFF
 * (Python's "surrogateescape"), so a name that is not UTF-8 still turns back into its own bytes.
 * The JVM instead decodes them in the locale's charset and replaces what it cannot decode, after
 * which such a file can no longer be opened.
 */
public final class LosslessText {
    private static final int ESCAPE_BASE = 0xDC00;

    private LosslessText() {}

    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                decoder.flush(out);
                return out.flip().toString();
            }
            // Malformed: each byte of the bad sequence stands for itself (one char per byte fits the buffer).
            for (int i = 0; i < result.length(); i++) {
                out.put((char) (ESCAPE_BASE + (in.get() & 0xFF)));
            }
        }
    }

    /** The byte a char of {@link #decode} stands for, or -1 when it is ordinary text. */
    public static int escapedByte(char c) {
        return c >= 0xDC80 && c <= 0xDCFF ? c - ESCAPE_BASE : -1;
    }

    /** The bytes {@code text} came from: the inverse of {@link #decode}. */
    public static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            int escaped = escapedByte(text.charAt(i));
            boolean paired = i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (escaped >= 0 && !paired) {
                out.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.write(escaped);
                start = i + 1;
            }
        }
        out.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * The file {@code name} names, by its exact bytes whatever the locale: {@link Path#of(String)}
     * encodes in the locale's charset, which cannot express "é" under {@code LC_ALL=C} nor a byte
     * that is not UTF-8 in a UTF-8 locale. A {@code file:} URI carries raw bytes, and relativising
     * against the root keeps them while leaving a relative name relative to the working directory.
     *
     * @throws IllegalArgumentException if the name holds a NUL or cannot be a path ({@link java.nio.file.InvalidPathException} for ASCII)
     */
    public static Path path(String name) {
        if (name.chars().allMatch(c -> c < 0x80)) {
            return Path.of(name);
        }
        byte[] bytes = encode(name);
        boolean absolute = bytes.length > 0 && bytes[0] == '/';
        StringBuilder uri = new StringBuilder("file://").append(absolute ? "" : "/");
        for (byte b : bytes) {
            int unsigned = b & 0xFF;
            if (unsigned == 0) {
                throw new IllegalArgumentException("Nul character not allowed"); // as the JDK says it
            }
            if (isUnreserved(unsigned) || unsigned == '/') {
                uri.append((char) unsigned);
            } else {
                uri.append('%')
                        .append(Character.toUpperCase(Character.forDigit(unsigned >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(unsigned & 0xF, 16)));
            }
        }
        Path rooted = Path.of(URI.create(uri.toString()));
        return absolute ? rooted : rooted.getRoot().relativize(rooted);
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
