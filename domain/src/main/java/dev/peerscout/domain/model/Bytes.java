package dev.peerscout.domain.model;

import java.util.HexFormat;

/** Small helpers for the fixed-size binary identifiers of the protocol. */
final class Bytes {
    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {}

    static byte[] exact(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(
                    what + " must be " + length + " bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        return bytes.clone();
    }

    static byte[] fromHex(String hex, int length, String what) {
        if (hex == null || hex.length() != length * 2) {
            throw new IllegalArgumentException(what + " must be " + length * 2 + " hex digits");
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not hexadecimal: " + hex, e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
