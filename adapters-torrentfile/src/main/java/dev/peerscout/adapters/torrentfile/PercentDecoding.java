package dev.peerscout.adapters.torrentfile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one URI query component, once, bytes-wise: {@code %XX} becomes that byte, {@code +} a
 * space (as libtorrent and Go's {@code ParseQuery} do), other characters their UTF-8 bytes (so
 * raw non-ASCII text and unescaped spaces survive); the bytes are then read as UTF-8 with
 * malformed sequences masked. A {@code %} not followed by two hex digits is kept as it is,
 * like browsers do: a stray percent sign in a display name is no reason to refuse a link.
 */
final class PercentDecoding {
    private PercentDecoding() {}

    static String decode(String component) {
        if (component.indexOf('%') < 0 && component.indexOf('+') < 0) {
            return component;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        int i = 0;
        while (i < component.length()) {
            char c = component.charAt(i);
            if (c == '%'
                    && i + 2 < component.length()
                    && hex(component.charAt(i + 1)) >= 0
                    && hex(component.charAt(i + 2)) >= 0) {
                bytes.write(hex(component.charAt(i + 1)) << 4 | hex(component.charAt(i + 2)));
                i += 3;
            } else if (c == '+') {
                bytes.write(' ');
                i++;
            } else {
                int codePoint = component.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }
}
