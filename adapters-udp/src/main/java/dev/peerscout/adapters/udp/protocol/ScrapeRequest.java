package dev.peerscout.adapters.udp.protocol;

import dev.peerscout.domain.model.InfoHash;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** BEP 15 scrape request: counts for up to {@value #MAX_HASHES} swarms in one datagram. */
public record ScrapeRequest(long connectionId, int transactionId, List<InfoHash> infoHashes) {
    /** BEP 15's "about 74": 16 + 20 × 74 = 1496 bytes still fits an Ethernet MTU. */
    public static final int MAX_HASHES = 74;

    public static final int HEADER_LENGTH = 16;

    public ScrapeRequest {
        infoHashes = List.copyOf(infoHashes);
        if (infoHashes.isEmpty() || infoHashes.size() > MAX_HASHES) {
            throw new IllegalArgumentException(
                    "a scrape asks for 1 to " + MAX_HASHES + " hashes, not " + infoHashes.size());
        }
    }

    public byte[] toBytes() {
        byte[] out = new byte[HEADER_LENGTH + InfoHash.LENGTH * infoHashes.size()];
        ByteBuffer.wrap(out).putLong(connectionId).putInt(Action.SCRAPE.code()).putInt(transactionId);
        for (int i = 0; i < infoHashes.size(); i++) {
            infoHashes.get(i).copyTo(out, HEADER_LENGTH + i * InfoHash.LENGTH);
        }
        return out;
    }

    /** Splits any number of hashes into requests of at most {@value #MAX_HASHES}, keeping their order. */
    public static List<List<InfoHash>> batches(List<InfoHash> hashes) {
        List<List<InfoHash>> batches = new ArrayList<>();
        for (int from = 0; from < hashes.size(); from += MAX_HASHES) {
            batches.add(List.copyOf(hashes.subList(from, Math.min(hashes.size(), from + MAX_HASHES))));
        }
        return batches;
    }

    /** Bytes after the last whole hash are ignored. */
    public static Either<MalformedPacket, ScrapeRequest> decode(ByteBuffer datagram) {
        ByteBuffer packet = Packets.view(datagram);
        int minimum = HEADER_LENGTH + InfoHash.LENGTH;
        if (packet.remaining() < minimum) {
            return Either.left(MalformedPacket.tooShort("scrape request", packet.remaining(), minimum));
        }
        if (packet.getInt(8) != Action.SCRAPE.code()) {
            return Either.left(new MalformedPacket("scrape request with action " + packet.getInt(8)));
        }
        int count = (packet.limit() - HEADER_LENGTH) / InfoHash.LENGTH;
        if (count > MAX_HASHES) {
            return Either.left(new MalformedPacket("scrape request for " + count + " hashes, more than " + MAX_HASHES));
        }
        List<InfoHash> hashes = new ArrayList<>(count);
        byte[] hash = new byte[InfoHash.LENGTH];
        for (int i = 0; i < count; i++) {
            packet.get(HEADER_LENGTH + i * InfoHash.LENGTH, hash);
            hashes.add(InfoHash.of(hash));
        }
        return Either.right(new ScrapeRequest(packet.getLong(0), packet.getInt(12), hashes));
    }
}
