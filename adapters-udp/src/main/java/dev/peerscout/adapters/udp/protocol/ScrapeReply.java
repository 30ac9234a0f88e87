package dev.peerscout.adapters.udp.protocol;

import dev.peerscout.domain.model.scrape.ScrapeStats;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * BEP 15 scrape response: one entry per requested hash, in request order. Note the wire order
 * seeders, completed, leechers (announce differs).
 */
public record ScrapeReply(int transactionId, List<ScrapeStats> entries) implements Reply {
    public static final int HEADER_LENGTH = 8;
    public static final int ENTRY_LENGTH = 12;

    public ScrapeReply {
        entries = List.copyOf(entries);
    }

    @Override
    public Action action() {
        return Action.SCRAPE;
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + ENTRY_LENGTH * entries.size())
                .putInt(Action.SCRAPE.code())
                .putInt(transactionId);
        for (ScrapeStats stats : entries) {
            out.putInt((int) stats.seeders()).putInt((int) stats.completed()).putInt((int) stats.leechers());
        }
        return out.array();
    }

    /** Reads every whole entry; whether they cover the request is for the caller to judge. */
    public static Either<MalformedPacket, ScrapeReply> decode(ByteBuffer datagram) {
        return Packets.expect(datagram, Action.SCRAPE, HEADER_LENGTH, "scrape reply")
                .map(packet -> {
                    int count = (packet.limit() - HEADER_LENGTH) / ENTRY_LENGTH;
                    List<ScrapeStats> entries = new ArrayList<>(count);
                    for (int at = HEADER_LENGTH; at + ENTRY_LENGTH <= packet.limit(); at += ENTRY_LENGTH) {
                        entries.add(new ScrapeStats(
                                Packets.unsignedInt(packet, at),
                                Packets.unsignedInt(packet, at + 4),
                                Packets.unsignedInt(packet, at + 8)));
                    }
                    return new ScrapeReply(packet.getInt(4), entries);
                });
    }
}
