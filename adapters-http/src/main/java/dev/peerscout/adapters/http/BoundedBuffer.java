package dev.peerscout.adapters.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes appended up to a limit. It grows as bytes arrive, never ahead of them (a claimed
 * Content-Length is not trusted), and never beyond the limit.
 */
final class BoundedBuffer {
    private static final int INITIAL = 8 * 1024;

    private final int limit;
    private byte[] bytes;
    private int size;
    private boolean overflowed;

    BoundedBuffer(int limit) {
        this.limit = limit;
        this.bytes = new byte[Math.min(INITIAL, limit)];
    }

    /** Appends what fits; returns false (and remembers it) once more than the limit was offered. */
    boolean append(ByteBuffer chunk) {
        int length = chunk.remaining();
        int fits = Math.min(length, limit - size);
        ensure(size + fits);
        chunk.get(bytes, size, fits);
        size += fits;
        if (fits < length) {
            overflowed = true;
        }
        return !overflowed;
    }

    boolean append(byte[] chunk, int offset, int length) {
        return append(ByteBuffer.wrap(chunk, offset, length));
    }

    boolean overflowed() {
        return overflowed;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            int grown = (int) Math.min(limit, Math.max(capacity, 2L * bytes.length));
            bytes = Arrays.copyOf(bytes, grown);
        }
    }
}
