package dev.peerscout.adapters.peerwire.protocol;

import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BencodeDecoder;
import dev.peerscout.bencode.BencodeDocument;
import dev.peerscout.bencode.BencodeEncoder;
import dev.peerscout.bencode.BencodeException;
import dev.peerscout.bencode.BencodeNode;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * A BEP 9 {@code ut_metadata} message: a bencoded dictionary ({@code msg_type}, {@code piece},
 * {@code total_size}), and for data the raw piece bytes right after it. The shared decoder reads
 * the dictionary as a prefix and says where it ended; what follows is the piece.
 */
public sealed interface MetadataMessage {
    /** Every piece is 16 KiB but the last. */
    int PIECE_SIZE = 16 * 1024;

    int REQUEST = 0;
    int DATA = 1;
    int REJECT = 2;

    record Request(int piece) implements MetadataMessage {
        @Override
        public byte[] encode() {
            return BencodeEncoder.encode(BValue.BDict.builder()
                    .put("msg_type", REQUEST)
                    .put("piece", piece)
                    .build());
        }
    }

    /** {@code bytes}: what followed the dictionary, at most {@link #PIECE_SIZE} (longer is refused when decoding). */
    record Data(int piece, long totalSize, byte[] bytes) implements MetadataMessage {
        public Data {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** Copies the piece into {@code target} without another copy of it. */
        public void copyTo(byte[] target, int offset) {
            System.arraycopy(bytes, 0, target, offset, bytes.length);
        }

        @Override
        public byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
            BencodeEncoder.encode(
                    BValue.BDict.builder()
                            .put("msg_type", DATA)
                            .put("piece", piece)
                            .put("total_size", totalSize)
                            .build(),
                    out);
            out.writeBytes(bytes);
            return out.toByteArray();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Data d
                    && d.piece == piece
                    && d.totalSize == totalSize
                    && Arrays.equals(d.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * Integer.hashCode(piece) + Arrays.hashCode(bytes);
        }
    }

    record Reject(int piece) implements MetadataMessage {
        @Override
        public byte[] encode() {
            return BencodeEncoder.encode(BValue.BDict.builder()
                    .put("msg_type", REJECT)
                    .put("piece", piece)
                    .build());
        }
    }

    /** A {@code msg_type} BEP 9 does not define: ignored, as the BEP asks. */
    record Unknown(long type) implements MetadataMessage {
        @Override
        public byte[] encode() {
            return BencodeEncoder.encode(
                    BValue.BDict.builder().put("msg_type", type).build());
        }
    }

    /** The message as the payload of an extended message (after its id byte). */
    byte[] encode();

    /** A request or reject is a handful of keys; nothing nests. */
    BencodeDecoder DECODER = new BencodeDecoder(2, 4);

    /** Decodes one message; a peer's bad bytes come back as words, never as an exception. */
    static Either<String, MetadataMessage> decode(byte[] payload) {
        BencodeDocument document;
        try {
            document = DECODER.decode(payload);
        } catch (BencodeException e) {
            return Either.left("bad bencoding: " + e.getMessage());
        }
        BencodeNode dict = document.root();
        if (!dict.isDictionary()) {
            return Either.left("not a dictionary");
        }
        Optional<Long> type = integer(dict, "msg_type");
        if (type.isEmpty()) {
            return Either.left("no integer msg_type");
        }
        if (type.get() < REQUEST || type.get() > REJECT) {
            return Either.right(new Unknown(type.get()));
        }
        Optional<Long> piece = integer(dict, "piece");
        if (piece.isEmpty() || piece.get() < 0 || piece.get() > Integer.MAX_VALUE) {
            return Either.left("no piece number from 0 to 2^31-1");
        }
        int index = piece.get().intValue();
        if (type.get() == REQUEST) {
            return Either.right(new Request(index));
        }
        if (type.get() == REJECT) {
            return Either.right(new Reject(index));
        }
        Optional<Long> total = integer(dict, "total_size");
        if (total.isEmpty()) {
            return Either.left("data without an integer total_size");
        }
        int length = payload.length - document.end();
        if (length > PIECE_SIZE) {
            return Either.left("data of " + length + " bytes (a piece is at most " + PIECE_SIZE + ")");
        }
        return Either.right(new Data(index, total.get(), Arrays.copyOfRange(payload, document.end(), payload.length)));
    }

    private static Optional<Long> integer(BencodeNode dict, String key) {
        return dict.get(key).filter(n -> n.isInteger() && n.fitsInLong()).map(BencodeNode::longValue);
    }
}
