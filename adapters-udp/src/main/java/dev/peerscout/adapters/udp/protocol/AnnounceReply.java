package dev.peerscout.adapters.udp.protocol;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * BEP 15 announce response. Note the wire order: leechers before seeders.
 *
 * @param interval seconds until the next regular announce (unsigned on the wire)
 * @param peers    without port-0 entries and duplicates, in the tracker's order
 * @param portZero entries with port 0: no peer can be reached there
 */
public record AnnounceReply(
        int transactionId, long interval, long leechers, long seeders, List<Peer> peers, int portZero)
        implements Reply {
    public static final int HEADER_LENGTH = 20;
    /** Up to this many entries, duplicates are found by looking back rather than with a hash set. */
    private static final int SCAN_LIMIT = 16;

    public AnnounceReply {
        peers = List.copyOf(peers);
    }

    public AnnounceReply(int transactionId, long interval, long leechers, long seeders, List<Peer> peers) {
        this(transactionId, interval, leechers, seeders, peers, 0);
    }

    @Override
    public Action action() {
        return Action.ANNOUNCE;
    }

    /** Bytes per peer entry: the family of the tracker's address decides (BEP 15, IPv6 section). */
    public static int entryLength(AddressFamily family) {
        return family == AddressFamily.IPV6 ? 18 : 6;
    }

    /** Encodes peers in the entry format of {@code family}; each peer must be of that family. */
    public byte[] toBytes(AddressFamily family) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + peers.size() * entryLength(family))
                .putInt(Action.ANNOUNCE.code())
                .putInt(transactionId)
                .putInt((int) interval)
                .putInt((int) leechers)
                .putInt((int) seeders);
        for (Peer peer : peers) {
            if (peer.family() != family) {
                throw new IllegalArgumentException(peer + " cannot be sent in an " + family + " reply");
            }
            out.put(peer.address().getAddress()).putShort((short) peer.port());
        }
        return out.array();
    }

    /**
     * A peer list that is not a whole number of entries is malformed: it usually means the entry
     * size is wrong, and reading on would produce garbage peers.
     */
    public static Either<MalformedPacket, AnnounceReply> decode(ByteBuffer datagram, AddressFamily family) {
        return Packets.expect(datagram, Action.ANNOUNCE, HEADER_LENGTH, "announce reply")
                .flatMap(packet -> {
                    int stride = entryLength(family);
                    int peerBytes = packet.limit() - HEADER_LENGTH;
                    if (peerBytes % stride != 0) {
                        return Either.left(new MalformedPacket("peer list of " + peerBytes
                                + " bytes is not a whole number of " + stride + "-byte " + family + " entries"));
                    }
                    int entries = peerBytes / stride;
                    Peer[] peers = new Peer[entries];
                    int kept = 0;
                    int portZero = 0;
                    // Most replies name a handful of peers: a set for duplicates only when there are many.
                    Set<Peer> seen = entries > SCAN_LIMIT ? new HashSet<>(entries * 2) : null;
                    byte[] address = new byte[stride - 2];
                    for (int at = HEADER_LENGTH; at < packet.limit(); at += stride) {
                        packet.get(at, address);
                        int port = Packets.unsignedShort(packet, at + stride - 2);
                        if (port == 0) {
                            portZero++;
                        } else {
                            Peer peer = new Peer(addressOf(address), port);
                            if (seen != null ? seen.add(peer) : !contains(peers, kept, peer)) {
                                peers[kept++] = peer;
                            }
                        }
                    }
                    return Either.right(new AnnounceReply(
                            packet.getInt(4),
                            Packets.unsignedInt(packet, 8),
                            Packets.unsignedInt(packet, 12),
                            Packets.unsignedInt(packet, 16),
                            List.of(kept == entries ? peers : Arrays.copyOf(peers, kept)),
                            portZero));
                });
    }

    private static boolean contains(Peer[] peers, int count, Peer peer) {
        for (int i = 0; i < count; i++) {
            if (peers[i].equals(peer)) {
                return true;
            }
        }
        return false;
    }

    private static InetAddress addressOf(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
