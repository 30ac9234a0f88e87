package dev.peerscout.cli;

/** Text from torrents and trackers, made safe for a terminal. */
final class Text {
    private Text() {}

    /**
     * Control characters (escape sequences, newlines, C1 codes) become U+FFFD, so a hostile name
     * or tracker message can neither break a line nor drive the terminal. JSON output escapes
     * them itself and needs no such care.
     */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(control ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
