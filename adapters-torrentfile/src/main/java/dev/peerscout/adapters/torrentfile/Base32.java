package dev.peerscout.adapters.torrentfile;

import io.vavr.control.Either;

/** RFC 4648 base32 (A-Z, 2-7, either case, no padding), as magnet btih hashes use it. */
final class Base32 {
    private Base32() {}

    /** The decoded bytes, or the first character outside the alphabet. */
    static Either<Character, byte[]> decode(String text) {
        byte[] out = new byte[text.length() * 5 / 8];
        long buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int value = valueOf(c);
            if (value < 0) {
                return Either.left(c);
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                if (written < out.length) {
                    out[written++] = (byte) (buffer >>> bits);
                }
            }
        }
        return Either.right(out);
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        return c >= '2' && c <= '7' ? c - '2' + 26 : -1;
    }
}
