package dev.peerscout.adapters.udp.protocol;

import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.PeerId;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * BEP 15 announce request as it travels (98 bytes plus BEP 41 options). Named apart from the
 * domain's {@link AnnounceRequest}, which says what to announce rather than how.
 *
 * @param ipAddress always 0 from us ("use the sender's address"); kept so decoding is lossless
 * @param urlData   the tracker URL's path and query (BEP 41), empty for none
 */
public record UdpAnnounceRequest(
        long connectionId,
        int transactionId,
        InfoHash infoHash,
        PeerId peerId,
        long downloaded,
        long left,
        long uploaded,
        AnnounceEvent event,
        int ipAddress,
        int key,
        int numWant,
        int port,
        String urlData) {
    public static final int FIXED_LENGTH = 98;

    public UdpAnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(urlData, "urlData");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static UdpAnnounceRequest of(long connectionId, int transactionId, AnnounceRequest request, String urlData) {
        return new UdpAnnounceRequest(
                connectionId,
                transactionId,
                request.infoHash(),
                request.peerId(),
                request.downloaded(),
                request.left(),
                request.uploaded(),
                request.event(),
                0,
                request.key(),
                request.numWant(),
                request.port(),
                urlData);
    }

    public byte[] toBytes() {
        byte[] options = UrlData.encode(urlData);
        byte[] out = new byte[FIXED_LENGTH + options.length];
        ByteBuffer.wrap(out)
                .putLong(0, connectionId)
                .putInt(8, Action.ANNOUNCE.code())
                .putInt(12, transactionId)
                .putLong(56, downloaded)
                .putLong(64, left)
                .putLong(72, uploaded)
                .putInt(80, eventCode(event))
                .putInt(84, ipAddress)
                .putInt(88, key)
                .putInt(92, numWant)
                .putShort(96, (short) port);
        infoHash.copyTo(out, 16);
        peerId.copyTo(out, 36);
        System.arraycopy(options, 0, out, FIXED_LENGTH, options.length);
        return out;
    }

    /**
     * A copy of {@code encoded} (this type's bytes) with another connection and transaction id: a
     * request is encoded once and only its ids change from one send to the next.
     */
    public static byte[] withIds(byte[] encoded, long connectionId, int transactionId) {
        if (encoded.length < FIXED_LENGTH) {
            throw new IllegalArgumentException("not an announce request: " + encoded.length + " bytes");
        }
        byte[] copy = encoded.clone();
        ByteBuffer.wrap(copy).putLong(0, connectionId).putInt(12, transactionId);
        return copy;
    }

    public static Either<MalformedPacket, UdpAnnounceRequest> decode(ByteBuffer datagram) {
        ByteBuffer packet = Packets.view(datagram);
        if (packet.remaining() < FIXED_LENGTH) {
            return Either.left(MalformedPacket.tooShort("announce request", packet.remaining(), FIXED_LENGTH));
        }
        if (packet.getInt(8) != Action.ANNOUNCE.code()) {
            return Either.left(new MalformedPacket("announce request with action " + packet.getInt(8)));
        }
        int eventCode = packet.getInt(80);
        if (eventCode < 0 || eventCode >= AnnounceEvent.values().length) {
            return Either.left(new MalformedPacket("announce request with unknown event " + eventCode));
        }
        byte[] hash = new byte[InfoHash.LENGTH];
        packet.get(16, hash);
        byte[] peer = new byte[PeerId.LENGTH];
        packet.get(36, peer);
        return UrlData.decode(packet, FIXED_LENGTH)
                .map(urlData -> new UdpAnnounceRequest(
                        packet.getLong(0),
                        packet.getInt(12),
                        InfoHash.of(hash),
                        PeerId.of(peer),
                        packet.getLong(56),
                        packet.getLong(64),
                        packet.getLong(72),
                        event(eventCode),
                        packet.getInt(84),
                        packet.getInt(88),
                        packet.getInt(92),
                        Packets.unsignedShort(packet, 96),
                        urlData));
    }

    /** BEP 15 numbers events 0 none, 1 completed, 2 started, 3 stopped. */
    static int eventCode(AnnounceEvent event) {
        switch (event) {
            case NONE:
                return 0;
            case COMPLETED:
                return 1;
            case STARTED:
                return 2;
            case STOPPED:
                return 3;
            default:
                throw new IllegalArgumentException("unknown event " + event);
        }
    }

    static AnnounceEvent event(int code) {
        for (AnnounceEvent event : AnnounceEvent.values()) {
            if (eventCode(event) == code) {
                return event;
            }
        }
        throw new IllegalArgumentException("unknown event code " + code);
    }
}
