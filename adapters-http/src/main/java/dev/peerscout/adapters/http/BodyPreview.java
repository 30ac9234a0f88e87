package dev.peerscout.adapters.http;

/** The first bytes of a body, printable and short, for error messages about what a tracker sent. */
final class BodyPreview {
    static final int DEFAULT_WIDTH = 60;

    private BodyPreview() {}

    static String of(byte[] body) {
        return of(body, DEFAULT_WIDTH);
    }

    /** Quoted; printable ASCII as is, everything else as {@code \xNN}; at most {@code width} characters inside the quotes. */
    static String of(byte[] body, int width) {
        StringBuilder out = new StringBuilder(width + 3).append('"');
        int shown = 0;
        for (byte raw : body) {
            int b = raw & 0xFF;
            String piece = b == '"' || b == '\\'
                    ? "\\" + (char) b
                    : b >= 0x20 && b <= 0x7e ? String.valueOf((char) b) : String.format("\\x%02x", b);
            if (shown + piece.length() > width) {
                return out.append("\"…").toString();
            }
            out.append(piece);
            shown += piece.length();
        }
        return out.append('"').toString();
    }
}
