package dev.peerscout.cli;

import dev.peerscout.domain.model.LosslessText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Human output in the locale's charset where a character cannot be shown is written as an escape
 * ({@code \u00e9}, {@code \U0001f600}; {@code \xff} for a byte of a name that is not UTF-8, see
 * {@link LosslessText}), never as the silent {@code ?} an encoder would substitute.
 */
final class EscapingWriter extends Writer {
    private final Writer target;
    private final CharsetEncoder encoder;
    private final boolean unicode;
    /** A high surrogate whose low half has not been written yet. */
    private char pendingHigh;

    EscapingWriter(OutputStream stream, Charset charset) {
        this.target = new OutputStreamWriter(stream, charset);
        this.encoder = charset.newEncoder();
        this.unicode = charset.equals(StandardCharsets.UTF_8) || charset.name().startsWith("UTF-");
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        StringBuilder out = new StringBuilder(length + 16);
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (pendingHigh != 0) {
                char high = pendingHigh;
                pendingHigh = 0;
                if (Character.isLowSurrogate(c)) {
                    String pair = new String(new char[] {high, c});
                    if (unicode || encoder.canEncode(pair)) {
                        out.append(pair);
                    } else {
                        escape(out, 'U', Character.toCodePoint(high, c), 8);
                    }
                    continue;
                }
                escape(out, 'u', high, 4);
            }
            if (Character.isHighSurrogate(c)) {
                pendingHigh = c;
            } else if (Character.isLowSurrogate(c)) {
                int escapedByte = LosslessText.escapedByte(c);
                if (escapedByte >= 0) {
                    escape(out, 'x', escapedByte, 2);
                } else {
                    escape(out, 'u', c, 4);
                }
            } else if (c < 0x80 || unicode || encoder.canEncode(c)) {
                out.append(c);
            } else {
                escape(out, 'u', c, 4);
            }
        }
        target.write(out.toString());
    }

    private static void escape(StringBuilder out, char kind, int value, int digits) {
        String hex = Integer.toHexString(value);
        out.append('\\')
                .append(kind)
                .append("0".repeat(Math.max(0, digits - hex.length())))
                .append(hex);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        if (pendingHigh != 0) {
            StringBuilder out = new StringBuilder();
            escape(out, 'u', pendingHigh, 4);
            pendingHigh = 0;
            target.write(out.toString());
        }
        target.close();
    }
}
