package dev.peerscout.adapters.http;

import java.util.Arrays;

/** The opaque {@code tracker id} a tracker hands out; we send it back as {@code trackerid}. */
final class TrackerId {
    private final byte[] bytes;

    TrackerId(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    String queryValue() {
        return PercentEncoding.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrackerId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return BodyPreview.of(bytes);
    }
}
