package dev.peerscout.adapters.http;

import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BencodeDecoder;
import dev.peerscout.bencode.BencodeException;
import io.vavr.control.Either;

/**
 * A tracker's response body read with the shared bencode codec, and its failures worded as this
 * client has always worded them in a tracker's diagnosis ("unexpected '<' at byte 0"). Lenient
 * where tracker answers are sloppy but unambiguous: non-canonical integers and lengths, unsorted
 * or duplicate keys, trailing bytes after the value. Integers beyond 64 bits are a clear error: no
 * tracker field needs them. The body's size is bounded before it gets here.
 */
final class BencodedBody {
    /** Deepest nesting accepted; libtorrent stops at about the same depth. */
    static final int MAX_DEPTH = 100;

    private static final BencodeDecoder DECODER = new BencodeDecoder(MAX_DEPTH, Integer.MAX_VALUE);

    private BencodedBody() {}

    /** Decodes the first value of {@code body}; bytes after it are ignored. */
    static Either<String, BValue> decode(byte[] body) {
        try {
            return Either.right(DECODER.decode(body).root().toValue());
        } catch (BencodeException e) {
            return Either.left(reason(e));
        }
    }

    /** What a value is, for messages ("an integer", "a byte string"). */
    static String describe(BValue value) {
        return switch (value.kind()) {
            case STRING -> "a byte string";
            default -> value.kind().withArticle();
        };
    }

    private static String reason(BencodeException e) {
        return switch (e.problem()) {
            case END_OF_INPUT ->
                e.openContainers() == 0
                        ? "empty input"
                        : "input ends inside " + e.openContainers()
                                + (e.openContainers() == 1 ? " unclosed container" : " unclosed containers");
            case UNEXPECTED_BYTE -> "unexpected " + BencodeDecoder.describe(e.found()) + " at byte " + e.offset();
            case KEY_NOT_STRING -> "dictionary key is not a byte string at byte " + e.offset();
            case KEY_WITHOUT_VALUE -> "dictionary key without a value at byte " + e.offset();
            case TOO_DEEP -> "nesting deeper than " + MAX_DEPTH + " levels at byte " + e.offset();
            case MALFORMED_INTEGER -> "malformed integer at byte " + e.valueStart();
            case MALFORMED_STRING_LENGTH -> "string length without ':' at byte " + e.valueStart();
            case STRING_PAST_END ->
                "string at byte " + e.valueStart() + " claims "
                        + (e.claimedLength() > Integer.MAX_VALUE ? "more than 2 GiB" : e.claimedLength() + " bytes")
                        + " but only " + e.bytesLeft() + " follow";
            case INTEGER_BEYOND_64_BITS -> "integer beyond 64 bits at byte " + e.offset();
            default -> e.getMessage();
        };
    }
}
