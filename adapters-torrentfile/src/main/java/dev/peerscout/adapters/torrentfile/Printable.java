package dev.peerscout.adapters.torrentfile;

import java.util.List;

/**
 * Error messages and warnings quote what a file or link says (paths, hash characters, peer
 * hints) and end up on a terminal as one line. A control character in them would break the line
 * or start an escape sequence, so each becomes U+FFFD, as malformed UTF-8 does.
 */
final class Printable {
    private Printable() {}

    static String line(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, '\uFFFD');
            }
        }
        return out == null ? text : out.toString();
    }

    static List<String> lines(List<String> texts) {
        return texts.stream().map(Printable::line).toList();
    }
}
