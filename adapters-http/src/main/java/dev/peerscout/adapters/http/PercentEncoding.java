package dev.peerscout.adapters.http;

/**
 * Percent-encoding of raw bytes for tracker query strings (BEP 3, §7): RFC 3986 unreserved
 * bytes stay literal, every other byte becomes {@code %XX} (upper-case hex, as Go and the vectors
 * write it). Never {@code +}: a space is {@code %20}, a plus {@code %2B}.
 */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte raw : bytes) {
            int b = raw & 0xFF;
            if (isUnreserved(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >>> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    static boolean isUnreserved(int b) {
        return (b >= 'A' && b <= 'Z')
                || (b >= 'a' && b <= 'z')
                || (b >= '0' && b <= '9')
                || b == '-'
                || b == '.'
                || b == '_'
                || b == '~';
    }
}
