package dev.peerscout.adapters.udp.protocol;

import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * BEP 41 announce options. We write only URLData (the tracker URL's path and query, in chunks of
 * at most 255 bytes, which the tracker concatenates); we read NOP, EndOfOptions and skip unknown
 * options so that request decoding works on anything a client may send.
 */
public final class UrlData {
    public static final int END_OF_OPTIONS = 0x0;
    public static final int NOP = 0x1;
    public static final int URL_DATA = 0x2;
    public static final int MAX_CHUNK = 255;

    private UrlData() {}

    /** Nothing at all for an empty path: there is no URL data to pass on. */
    public static byte[] encode(String pathAndQuery) {
        byte[] data = pathAndQuery.getBytes(StandardCharsets.UTF_8);
        int chunks = (data.length + MAX_CHUNK - 1) / MAX_CHUNK;
        ByteBuffer out = ByteBuffer.allocate(data.length + 2 * chunks);
        for (int offset = 0; offset < data.length; offset += MAX_CHUNK) {
            int length = Math.min(MAX_CHUNK, data.length - offset);
            out.put((byte) URL_DATA).put((byte) length).put(data, offset, length);
        }
        return out.array();
    }

    /** The concatenated URLData of the options that start at {@code offset}. */
    static Either<MalformedPacket, String> decode(ByteBuffer packet, int offset) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int at = offset;
        while (at < packet.limit()) {
            int type = Byte.toUnsignedInt(packet.get(at));
            if (type == END_OF_OPTIONS) {
                break;
            }
            if (type == NOP) {
                at++;
                continue;
            }
            if (at + 1 >= packet.limit()) {
                return Either.left(new MalformedPacket("option " + type + " at " + at + " has no length byte"));
            }
            int length = Byte.toUnsignedInt(packet.get(at + 1));
            if (at + 2 + length > packet.limit()) {
                return Either.left(new MalformedPacket("option " + type + " at " + at + " runs past the datagram"));
            }
            if (type == URL_DATA) {
                byte[] chunk = new byte[length];
                packet.get(at + 2, chunk);
                data.writeBytes(chunk);
            }
            at += 2 + length;
        }
        return Either.right(data.toString(StandardCharsets.UTF_8));
    }
}
