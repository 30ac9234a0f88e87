package dev.peerscout.domain.metadata;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import io.vavr.control.Option;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Whether assembled bytes are the link's info dictionary: SHA-1 equal to its v1 hash, or SHA-256
 * equal to its v2 hash. A hybrid link is satisfied by either, as libtorrent and anacrolix accept.
 */
public final class MetadataVerification {
    private MetadataVerification() {}

    /** Why {@code info} is not the link's, or none when it is. */
    public static Option<String> mismatch(InfoHashes hashes, byte[] info) {
        for (InfoHash v1 : hashes.v1()) {
            if (Arrays.equals(digest("SHA-1", info), v1.toBytes())) {
                return Option.none();
            }
        }
        for (InfoHashV2 v2 : hashes.v2()) {
            if (Arrays.equals(digest("SHA-256", info), v2.toBytes())) {
                return Option.none();
            }
        }
        return Option.of(
                hashes.v2().isDefined() && hashes.v1().isDefined()
                        ? "neither SHA-1 nor SHA-256 of the copy matches the link"
                        : hashes.v1().isDefined()
                                ? "the copy's SHA-1 is not the link's info hash"
                                : "the copy's SHA-256 is not the link's v2 info hash");
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
