package dev.peerscout.adapters.udp.protocol;

import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * BEP 15 error response (action 3): the rest of the datagram is the message. Some trackers end it
 * with NUL bytes, which are not part of the text.
 */
public record ErrorReply(int transactionId, String message) implements Reply {
    public static final int MIN_LENGTH = 8;

    public ErrorReply {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public Action action() {
        return Action.ERROR;
    }

    public byte[] toBytes() {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(MIN_LENGTH + text.length)
                .putInt(Action.ERROR.code())
                .putInt(transactionId)
                .put(text)
                .array();
    }

    public static Either<MalformedPacket, ErrorReply> decode(ByteBuffer datagram) {
        return Packets.expect(datagram, Action.ERROR, MIN_LENGTH, "error reply").map(packet -> {
            int end = packet.limit();
            while (end > MIN_LENGTH && packet.get(end - 1) == 0) {
                end--;
            }
            byte[] text = new byte[end - MIN_LENGTH];
            packet.get(MIN_LENGTH, text);
            return new ErrorReply(packet.getInt(4), printable(new String(text, StandardCharsets.UTF_8)));
        });
    }

    /** The text ends up on a terminal: control characters from a tracker must not reach it. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '\uFFFD' : c));
        return out.toString();
    }
}
