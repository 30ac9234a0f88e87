package dev.peerscout.adapters.dht.krpc;

import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact node info and compact peer info (BEP 5, BEP 32): a node is its 20-byte id, then 4 or 16
 * address bytes and a 2-byte port; a peer is the address and port alone. Entries with port 0 are
 * dropped (nothing listens there). A ragged tail shorter than one entry is ignored and the whole
 * entries before it are kept, as libtorrent does.
 */
public final class CompactInfo {
    public static final int IPV4_NODE = NodeId.LENGTH + 4 + 2;
    public static final int IPV6_NODE = NodeId.LENGTH + 16 + 2;
    public static final int IPV4_PEER = 4 + 2;
    public static final int IPV6_PEER = 16 + 2;

    private CompactInfo() {}

    /** The first {@code max} usable nodes of a {@code nodes} (IPv4) or {@code nodes6} (IPv6) string. */
    static List<NodeContact> nodes(BBytes compact, AddressFamily family, int max) {
        int entry = family == AddressFamily.IPV4 ? IPV4_NODE : IPV6_NODE;
        int count = compact.length() / entry;
        List<NodeContact> nodes = new ArrayList<>(Math.min(count, max));
        for (int i = 0; i < count && nodes.size() < max; i++) {
            int offset = i * entry;
            int port = port(compact, offset + entry - 2);
            if (port != 0) {
                InetAddress address = address(compact, offset + NodeId.LENGTH, entry - NodeId.LENGTH - 2);
                nodes.add(new NodeContact(NodeId.read(compact, offset), new InetSocketAddress(address, port)));
            }
        }
        return nodes;
    }

    /** One entry of {@code values}: 6 bytes (IPv4) or 18 (IPv6); anything else, or port 0, is none. */
    static Option<Peer> peer(BBytes compact) {
        int length = compact.length();
        if (length != IPV4_PEER && length != IPV6_PEER) {
            return Option.none();
        }
        int port = port(compact, length - 2);
        return port == 0 ? Option.none() : Option.some(new Peer(address(compact, 0, length - 2), port));
    }

    /** The compact form of nodes of one family (IPv4 for {@code nodes}, IPv6 for {@code nodes6}). */
    public static byte[] encodeNodes(List<NodeContact> nodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nodes.size() * IPV6_NODE);
        for (NodeContact node : nodes) {
            out.writeBytes(node.id().toBytes());
            out.writeBytes(node.address().getAddress().getAddress());
            writePort(out, node.address().getPort());
        }
        return out.toByteArray();
    }

    public static byte[] encodePeer(Peer peer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(IPV6_PEER);
        out.writeBytes(peer.address().getAddress());
        writePort(out, peer.port());
        return out.toByteArray();
    }

    private static void writePort(ByteArrayOutputStream out, int port) {
        out.write(port >>> 8);
        out.write(port & 0xFF);
    }

    private static int port(BBytes compact, int offset) {
        return (compact.byteAt(offset) & 0xFF) << 8 | compact.byteAt(offset + 1) & 0xFF;
    }

    private static InetAddress address(BBytes compact, int offset, int length) {
        byte[] raw = new byte[length];
        compact.copyTo(raw, 0, offset, length);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
