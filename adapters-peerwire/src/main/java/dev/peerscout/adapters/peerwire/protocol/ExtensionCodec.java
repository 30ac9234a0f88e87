package dev.peerscout.adapters.peerwire.protocol;

import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BencodeDecoder;
import dev.peerscout.bencode.BencodeEncoder;
import dev.peerscout.bencode.BencodeException;
import dev.peerscout.bencode.BencodeNode;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.probe.PexPeer;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BEP 10 and BEP 11 dictionaries to and from bytes, through the shared bencode codec. The frame
 * decoder has already bounded the payload; these limits bound the work inside it.
 */
final class ExtensionCodec {
    /** Real handshakes nest two deep and hold a handful of containers. */
    private static final BencodeDecoder DECODER = new BencodeDecoder(8, 64);
    /** More extension names than any client has. */
    private static final int MAX_EXTENSIONS = 64;
    /** A {@code v} longer than this is cut: it ends up in a terminal line. */
    private static final int MAX_CLIENT_CHARS = 100;

    private ExtensionCodec() {}

    static byte[] encode(ExtensionHandshake handshake) {
        BValue.BDict.Builder m = BValue.BDict.builder();
        handshake.extensions().forEach((name, id) -> m.put(name, id));
        BValue.BDict.Builder dict = BValue.BDict.builder().put("m", m.build());
        handshake.client().forEach(v -> dict.putText("v", v));
        handshake.listenPort().forEach(p -> dict.put("p", p));
        handshake.reqq().forEach(r -> dict.put("reqq", r));
        handshake.metadataSize().forEach(size -> dict.put("metadata_size", size));
        handshake.yourIp().forEach(ip -> dict.put("yourip", ip.getAddress()));
        return BencodeEncoder.encode(dict.build());
    }

    static Either<String, ExtensionHandshake> decodeHandshake(byte[] payload) {
        Either<String, BencodeNode> root = dictionary(payload);
        if (root.isLeft()) {
            return Either.left(root.getLeft());
        }
        BencodeNode dict = root.get();
        Map<String, Integer> m = new LinkedHashMap<>();
        Optional<BencodeNode> mNode = dict.get("m");
        if (mNode.isPresent() && mNode.get().isDictionary()) {
            for (BencodeNode.Entry entry : mNode.get().entries()) {
                if (m.size() >= MAX_EXTENSIONS) {
                    break;
                }
                BencodeNode value = entry.value();
                // 0 disables an extension; ids are one byte. Others are ignored, as libtorrent does.
                if (value.isInteger() && value.fitsInLong() && value.longValue() > 0 && value.longValue() <= 255) {
                    m.put(printable(entry.key().text()), (int) value.longValue());
                }
            }
        }
        Option<String> client = string(dict, "v").map(ExtensionCodec::printable).filter(v -> !v.isBlank());
        Option<Integer> port =
                integer(dict, "p").filter(p -> p > 0 && p <= 0xFFFF).map(Long::intValue);
        Option<Integer> reqq = integer(dict, "reqq")
                .filter(r -> r >= 0 && r <= Integer.MAX_VALUE)
                .map(Long::intValue);
        Option<Long> metadataSize = integer(dict, "metadata_size");
        Option<InetAddress> yourIp = Option.ofOptional(dict.get("yourip"))
                .filter(BencodeNode::isString)
                .filter(n -> n.stringLength() == 4 || n.stringLength() == 16)
                .flatMap(n -> address(n.bytes()));
        return Either.right(new ExtensionHandshake(m, client, port, yourIp, reqq, metadataSize));
    }

    static Either<String, PexMessage> decodePex(byte[] payload, int maxPeers) {
        Either<String, BencodeNode> root = dictionary(payload);
        if (root.isLeft()) {
            return Either.left(root.getLeft());
        }
        BencodeNode dict = root.get();
        List<PexPeer> added = new ArrayList<>();
        int offered = 0;
        offered += compact(dict, "added", "added.f", 4, maxPeers, added);
        offered += compact(dict, "added6", "added6.f", 16, maxPeers, added);
        return Either.right(new PexMessage(added, offered));
    }

    /** Reads up to {@code max} peers in all from a compact list; returns how many entries it held. */
    private static int compact(
            BencodeNode dict, String key, String flagsKey, int addressLength, int max, List<PexPeer> into) {
        Optional<BencodeNode> list = dict.get(key);
        if (list.isEmpty() || !list.get().isString()) {
            return 0;
        }
        int entry = addressLength + 2;
        int count = list.get().stringLength() / entry; // a trailing partial entry is ignored, as libtorrent does
        if (count == 0) {
            return 0;
        }
        byte[] bytes = list.get().bytes();
        byte[] flags = dict.get(flagsKey)
                .filter(BencodeNode::isString)
                .map(BencodeNode::bytes)
                .orElse(new byte[0]);
        for (int i = 0; i < count && into.size() < max; i++) {
            int at = i * entry;
            byte[] address = java.util.Arrays.copyOfRange(bytes, at, at + addressLength);
            int port = ((bytes[at + addressLength] & 0xFF) << 8) | (bytes[at + addressLength + 1] & 0xFF);
            if (port == 0) {
                continue;
            }
            int flag = i < flags.length ? flags[i] & 0xFF : 0;
            address(address).forEach(ip -> into.add(new PexPeer(new Peer(ip, port), flag)));
        }
        return count;
    }

    private static Either<String, BencodeNode> dictionary(byte[] payload) {
        try {
            BencodeNode root = DECODER.decode(payload).root();
            return root.isDictionary() ? Either.right(root) : Either.left("not a dictionary");
        } catch (BencodeException e) {
            return Either.left("bad bencoding: " + e.getMessage());
        }
    }

    private static Option<String> string(BencodeNode dict, String key) {
        return Option.ofOptional(dict.get(key)).filter(BencodeNode::isString).map(BencodeNode::text);
    }

    private static Option<Long> integer(BencodeNode dict, String key) {
        return Option.ofOptional(dict.get(key))
                .filter(n -> n.isInteger() && n.fitsInLong())
                .map(BencodeNode::longValue);
    }

    private static Option<InetAddress> address(byte[] bytes) {
        try {
            return Option.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Option.none();
        }
    }

    /** Control characters out, length bounded: a peer's words end up on a user's terminal. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CLIENT_CHARS));
        text.codePoints()
                .limit(MAX_CLIENT_CHARS)
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
