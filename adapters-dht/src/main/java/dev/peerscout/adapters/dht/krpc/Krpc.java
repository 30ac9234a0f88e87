package dev.peerscout.adapters.dht.krpc;

import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BValue.BInt;
import dev.peerscout.bencode.BValue.BList;
import dev.peerscout.bencode.BencodeDecoder;
import dev.peerscout.bencode.BencodeEncoder;
import dev.peerscout.bencode.BencodeException;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * KRPC messages to and from bytes (BEP 5, BEP 32 {@code nodes6}, BEP 43 read-only). Pure: no
 * sockets, no clock. Decoding never throws on hostile input and bounds what it keeps: at most
 * {@link #MAX_NODES_PER_FIELD} contacts per {@code nodes}/{@code nodes6} string and
 * {@link #MAX_PEERS} peers per {@code values} list, whatever a datagram holds.
 */
public final class Krpc {
    /** Larger than any UDP payload (65,507 bytes over IPv4). */
    public static final int MAX_MESSAGE = 64 * 1024;
    /** KRPC needs three levels (message, arguments, a list of values); anything far deeper is hostile. */
    public static final int MAX_DEPTH = 16;
    /** A node returns k = 8 per family; more than this is noise or an attack. */
    public static final int MAX_NODES_PER_FIELD = 32;
    /** libtorrent sends at most 100 values per reply. */
    public static final int MAX_PEERS = 200;
    /** Tokens are a few bytes (libtorrent: 4); longer ones are not kept. */
    static final int MAX_TOKEN = 64;
    /** Error texts are for people and logs; a 60 KiB one is cut. */
    static final int MAX_ERROR_TEXT = 200;

    /** Lenient where nodes are sloppy but unambiguous: unsorted or duplicate keys, non-canonical numbers, trailing bytes. */
    private static final BencodeDecoder DECODER = new BencodeDecoder(MAX_DEPTH, MAX_MESSAGE, MAX_MESSAGE);

    private Krpc() {}

    /**
     * A query datagram. With {@code readOnly} the message carries {@code ro = 1} (BEP 43), telling
     * nodes not to add us to their routing tables, since we never answer queries.
     */
    public static byte[] query(TransactionId transaction, NodeId self, Query query, boolean readOnly) {
        BDict.Builder message = BDict.builder()
                .put("t", transaction.toBValue())
                .put("y", BBytes.ascii("q"))
                .put("q", BBytes.ascii(query.method()))
                .put("a", query.arguments(self));
        if (readOnly) {
            message.put("ro", 1);
        }
        return BencodeEncoder.encode(message.build());
    }

    /** A response datagram (for fake nodes in tests, and round trips). */
    public static byte[] response(TransactionId transaction, Answer answer) {
        BDict.Builder fields = BDict.builder().put("id", answer.responder().toBValue());
        List<NodeContact> ipv4 = answer.nodes().stream()
                .filter(n -> n.family() == AddressFamily.IPV4)
                .toList();
        List<NodeContact> ipv6 = answer.nodes().stream()
                .filter(n -> n.family() == AddressFamily.IPV6)
                .toList();
        if (!ipv4.isEmpty()) {
            fields.put("nodes", CompactInfo.encodeNodes(ipv4));
        }
        if (!ipv6.isEmpty()) {
            fields.put("nodes6", CompactInfo.encodeNodes(ipv6));
        }
        if (!answer.peers().isEmpty()) {
            List<BValue> values = new ArrayList<>();
            answer.peers().forEach(peer -> values.add(BBytes.of(CompactInfo.encodePeer(peer))));
            fields.put("values", new BList(values));
        }
        answer.token().forEach(token -> fields.put("token", token));
        return response(transaction, fields.build());
    }

    /** A response datagram with any {@code r} dictionary, hostile ones included (for tests). */
    public static byte[] response(TransactionId transaction, BDict results) {
        return BencodeEncoder.encode(BDict.builder()
                .put("t", transaction.toBValue())
                .put("y", BBytes.ascii("r"))
                .put("r", results)
                .build());
    }

    public static byte[] error(TransactionId transaction, long code, String text) {
        List<BValue> error = List.of(new BInt(code), BBytes.of(text.getBytes(StandardCharsets.UTF_8)));
        return BencodeEncoder.encode(BDict.builder()
                .put("t", transaction.toBValue())
                .put("y", BBytes.ascii("e"))
                .put("e", new BList(error))
                .build());
    }

    /** Decodes a datagram, or says why it is not a KRPC message we can use (the caller drops it). */
    public static Either<String, Message> decode(byte[] datagram, int length) {
        if (length < 0 || length > datagram.length) {
            throw new IllegalArgumentException("length " + length + " outside the array");
        }
        if (length > MAX_MESSAGE) {
            return Either.left("message of " + length + " bytes exceeds " + MAX_MESSAGE);
        }
        BValue value;
        try {
            value = DECODER.decode(datagram, 0, length).root().toValue();
        } catch (BencodeException e) {
            return Either.left(e.getMessage());
        }
        return message(value);
    }

    public static Either<String, Message> decode(byte[] datagram) {
        return decode(datagram, datagram.length);
    }

    private static Either<String, Message> message(BValue value) {
        if (!(value instanceof BDict message)) {
            return Either.left("not a dictionary");
        }
        Option<BBytes> t = Option.ofOptional(message.bytes("t"));
        if (t.isEmpty() || t.get().length() > TransactionId.MAX_LENGTH) {
            return Either.left("no usable transaction id");
        }
        TransactionId transaction = TransactionId.of(t.get().toBytes());
        String type = message.bytes("y").map(BBytes::text).orElse("");
        switch (type) {
            case "r":
                return Option.ofOptional(message.dict("r"))
                        .toEither("response without 'r'")
                        .flatMap(Krpc::answer)
                        .map(answer -> new Message.Response(transaction, answer));
            case "e":
                return Option.ofOptional(message.list("e"))
                        .toEither("error without 'e'")
                        .map(error -> errorReply(transaction, error));
            case "q":
                return Option.ofOptional(message.bytes("q"))
                        .toEither("query without 'q'")
                        .map(method -> new Message.Request(transaction, method.text()));
            default:
                return Either.left("unknown message type '" + type + "'");
        }
    }

    private static Either<String, Answer> answer(BDict results) {
        Option<BBytes> id = Option.ofOptional(results.bytes("id")).filter(bytes -> bytes.length() == NodeId.LENGTH);
        if (id.isEmpty()) {
            return Either.left("response without a 20-byte 'id'");
        }
        List<NodeContact> nodes = new ArrayList<>();
        results.bytes("nodes")
                .ifPresent(
                        compact -> nodes.addAll(CompactInfo.nodes(compact, AddressFamily.IPV4, MAX_NODES_PER_FIELD)));
        results.bytes("nodes6")
                .ifPresent(
                        compact -> nodes.addAll(CompactInfo.nodes(compact, AddressFamily.IPV6, MAX_NODES_PER_FIELD)));
        List<Peer> peers = new ArrayList<>();
        for (BValue value : results.list("values").map(BList::items).orElse(List.of())) {
            if (peers.size() == MAX_PEERS) {
                break;
            }
            if (value instanceof BBytes compact) {
                CompactInfo.peer(compact).forEach(peers::add);
            }
        }
        Option<BBytes> token = Option.ofOptional(results.bytes("token")).filter(bytes -> bytes.length() <= MAX_TOKEN);
        return Either.right(new Answer(NodeId.read(id.get(), 0), nodes, peers, token));
    }

    /** Lenient: an error only ends a query, so a missing code or text is no reason to drop it. */
    private static Message.ErrorReply errorReply(TransactionId transaction, BList error) {
        List<BValue> items = error.items();
        long code = !items.isEmpty() && items.get(0) instanceof BInt number ? number.value() : 0;
        String text = items.size() > 1 && items.get(1) instanceof BBytes bytes ? bytes.text() : "";
        return new Message.ErrorReply(
                transaction, code, text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text);
    }
}
