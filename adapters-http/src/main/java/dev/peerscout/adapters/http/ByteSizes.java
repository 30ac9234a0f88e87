package dev.peerscout.adapters.http;

/** Byte counts for people. */
final class ByteSizes {
    private static final int KIB = 1024;
    private static final int MIB = KIB * KIB;

    private ByteSizes() {}

    static String text(long bytes) {
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
