package dev.peerscout.domain.model.metadata;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * What one peer gave when asked for the info dictionary.
 *
 * @param status         how it ended
 * @param why            in words for a user (empty for a copy)
 * @param offered        the peer's extension handshake named {@code ut_metadata}
 * @param advertisedSize the peer's {@code metadata_size}, when it sent one
 * @param copy           the assembled bytes, for {@link MetadataStatus#COPY} only (not yet verified)
 */
public record MetadataAttempt(
        MetadataStatus status, String why, boolean offered, Option<Long> advertisedSize, Option<byte[]> copy) {

    public MetadataAttempt {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(advertisedSize, "advertisedSize");
        Objects.requireNonNull(copy, "copy");
        if (copy.isDefined() != (status == MetadataStatus.COPY)) {
            throw new IllegalArgumentException("a copy comes with COPY and only with it");
        }
    }

    public static MetadataAttempt copy(byte[] bytes, Option<Long> advertisedSize) {
        return new MetadataAttempt(MetadataStatus.COPY, "", true, advertisedSize, Option.of(bytes));
    }

    public static MetadataAttempt failed(
            MetadataStatus status, String why, boolean offered, Option<Long> advertisedSize) {
        return new MetadataAttempt(status, why, offered, advertisedSize, Option.none());
    }

    public static MetadataAttempt skipped(String why) {
        return failed(MetadataStatus.SKIPPED, why, false, Option.none());
    }

    /** The same attempt, its copy discarded as {@code status}. */
    public MetadataAttempt discarded(MetadataStatus status, String why) {
        return failed(status, why, offered, advertisedSize);
    }
}
