package dev.peerscout.adapters.peerwire;

import dev.peerscout.adapters.peerwire.protocol.ExtensionHandshake;
import dev.peerscout.adapters.peerwire.protocol.Frames;
import dev.peerscout.adapters.peerwire.protocol.Handshake;
import dev.peerscout.adapters.peerwire.protocol.MetadataMessage;
import dev.peerscout.adapters.peerwire.protocol.WireMessage;
import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataRequest;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.model.probe.ReservedBits;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;

/**
 * One peer asked for the info dictionary (BEP 9): handshakes as a probe does, then requests for
 * the 16 KiB pieces, a few at a time, until the copy is whole. The size the peer advertised is
 * checked before anything is asked, and every piece against it. We serve nothing: a request from
 * the peer gets a reject, and our extension handshake carries no {@code metadata_size}.
 */
final class MetadataFetch extends PeerConversation<MetadataAttempt> {
    /** Requests in flight at once: a 1 MiB info dictionary in 4 round trips, without flooding a peer's reqq. */
    static final int IN_FLIGHT = 16;
    /** Rejects tolerated from one peer (some reject while they are still busy); one more and it is dropped. */
    static final int MAX_REJECTS = 3;

    private enum Phase {
        CONNECTING,
        HANDSHAKING,
        EXTENDING,
        FETCHING,
        DONE
    }

    private final MetadataRequest request;
    private final Frames.Limits limits = Frames.Limits.forPieces(-1);

    private Phase phase = Phase.CONNECTING;
    private boolean offered;
    private Option<Long> advertised = Option.none();
    private int theirId;
    /** Pieces as they come: memory follows what the peer actually sent, not what it advertised. */
    private byte[][] chunks;

    private long size;
    private int pieces;
    private final BitSet received = new BitSet();
    private final BitSet requested = new BitSet();
    private int nextPiece;
    private int rejects;

    MetadataFetch(
            MetadataRequest request,
            PeerWireConfig config,
            CompletableFuture<MetadataAttempt> result,
            long now,
            long hardDeadline) {
        super(request.hashes(), request.ourId(), request.connectTimeout(), config, result, now, hardDeadline);
        this.request = request;
    }

    @Override
    public void connected(Wire wire, long now) {
        phase = Phase.HANDSHAKING;
        sendOurHandshake(wire);
    }

    @Override
    public void received(Wire wire, ByteBuffer in, long now) {
        if (phase == Phase.HANDSHAKING) {
            Handshake theirs = readHandshake(wire, in);
            if (theirs == null) {
                return;
            }
            ReservedBits reserved = new ReservedBits(theirs.reserved());
            if (!reserved.extensions()) {
                fail(wire, MetadataStatus.NOT_OFFERED, "no extension protocol (BEP 10), so no ut_metadata");
                return;
            }
            phase = Phase.EXTENDING;
            nextNeed = 4;
            deadline = hardDeadline;
            sendWhatWeHave(wire, reserved.fast(), true);
        }
        while (phase == Phase.EXTENDING || phase == Phase.FETCHING) {
            WireMessage message = readMessage(wire, in, limits);
            if (message == null) {
                return;
            }
            if (message instanceof WireMessage.Extended extended) {
                extended(wire, extended);
            }
        }
    }

    @Override
    protected void notBitTorrent(Wire wire, ByteBuffer in) {
        fail(wire, MetadataStatus.UNREACHABLE, "not a BitTorrent peer");
    }

    @Override
    protected void otherSwarm(Wire wire, Handshake theirs) {
        fail(wire, MetadataStatus.UNREACHABLE, "a handshake for another swarm");
    }

    @Override
    protected void brokeProtocol(Wire wire, String why) {
        fail(wire, MetadataStatus.CLOSED, "broke the protocol: " + why);
    }

    private void extended(Wire wire, WireMessage.Extended message) {
        if (message.extendedId() == 0 && phase == Phase.EXTENDING) {
            Either<String, ExtensionHandshake> decoded = ExtensionHandshake.decode(message.payload());
            if (decoded.isLeft()) {
                fail(wire, MetadataStatus.CLOSED, "extension handshake: " + decoded.getLeft());
                return;
            }
            start(wire, decoded.get());
        } else if (message.extendedId() == ExtensionHandshake.UT_METADATA && phase == Phase.FETCHING) {
            Either<String, MetadataMessage> decoded = MetadataMessage.decode(message.payload());
            if (decoded.isLeft()) {
                fail(wire, MetadataStatus.BAD_DATA, "ut_metadata: " + decoded.getLeft());
                return;
            }
            metadata(wire, decoded.get());
        }
    }

    private void start(Wire wire, ExtensionHandshake theirs) {
        Option<Integer> id = theirs.idOf("ut_metadata");
        advertised = theirs.metadataSize();
        if (id.isEmpty()) {
            fail(wire, MetadataStatus.NOT_OFFERED, "does not offer ut_metadata");
            return;
        }
        offered = true;
        theirId = id.get();
        if (advertised.isEmpty()) {
            fail(
                    wire,
                    MetadataStatus.NOT_OFFERED,
                    "offers ut_metadata without a metadata_size (it lacks the metadata)");
            return;
        }
        long size = advertised.get();
        if (size <= 0 || size > request.maxSize()) {
            fail(
                    wire,
                    MetadataStatus.BAD_SIZE,
                    "metadata_size " + size + (size <= 0 ? "" : " is over the cap of " + request.maxSize()));
            return;
        }
        this.size = size;
        pieces = (int) ((size + MetadataMessage.PIECE_SIZE - 1) / MetadataMessage.PIECE_SIZE);
        chunks = new byte[pieces][];
        phase = Phase.FETCHING;
        requestMore(wire);
    }

    private void requestMore(Wire wire) {
        while (nextPiece < pieces && requested.cardinality() - received.cardinality() < IN_FLIGHT) {
            ask(wire, nextPiece++);
        }
    }

    private void ask(Wire wire, int piece) {
        requested.set(piece);
        wire.send(new WireMessage.Extended(theirId, new MetadataMessage.Request(piece).encode()).encode());
    }

    private void metadata(Wire wire, MetadataMessage message) {
        if (message instanceof MetadataMessage.Request asked) {
            wire.send(new WireMessage.Extended(theirId, new MetadataMessage.Reject(asked.piece()).encode()).encode());
        } else if (message instanceof MetadataMessage.Reject reject) {
            if (++rejects > MAX_REJECTS) {
                fail(
                        wire,
                        MetadataStatus.REJECTED,
                        "rejected " + rejects + " requests (last: piece " + reject.piece() + ")");
            } else if (reject.piece() < pieces && requested.get(reject.piece()) && !received.get(reject.piece())) {
                ask(wire, reject.piece());
            }
        } else if (message instanceof MetadataMessage.Data data) {
            take(wire, data);
        }
    }

    private void take(Wire wire, MetadataMessage.Data data) {
        if (data.totalSize() != size) {
            fail(
                    wire,
                    MetadataStatus.BAD_DATA,
                    "data with total_size " + data.totalSize() + " after advertising " + size);
            return;
        }
        int piece = data.piece();
        if (piece >= pieces || !requested.get(piece) || received.get(piece)) {
            fail(wire, MetadataStatus.BAD_DATA, "data for piece " + piece + ", which was not asked for");
            return;
        }
        int offset = piece * MetadataMessage.PIECE_SIZE;
        int expected = (int) Math.min(MetadataMessage.PIECE_SIZE, size - offset);
        byte[] bytes = data.bytes();
        if (bytes.length != expected) {
            fail(
                    wire,
                    MetadataStatus.BAD_DATA,
                    "piece " + piece + " of " + bytes.length + " bytes (expected " + expected + ")");
            return;
        }
        chunks[piece] = bytes;
        received.set(piece);
        if (received.cardinality() == pieces) {
            byte[] copy = new byte[(int) size];
            for (int i = 0; i < pieces; i++) {
                System.arraycopy(chunks[i], 0, copy, i * MetadataMessage.PIECE_SIZE, chunks[i].length);
            }
            complete(MetadataAttempt.copy(copy, advertised));
            wire.close();
        } else {
            requestMore(wire);
        }
    }

    @Override
    public void timedOut(Wire wire, long now) {
        String after = seconds(now - started);
        switch (phase) {
            case CONNECTING -> fail(wire, MetadataStatus.UNREACHABLE, "no connection after " + after);
            case HANDSHAKING -> fail(wire, MetadataStatus.UNREACHABLE, "no handshake after " + after);
            case EXTENDING -> fail(wire, MetadataStatus.TIMEOUT, "no extension handshake after " + after);
            case FETCHING ->
                fail(wire, MetadataStatus.TIMEOUT, received.cardinality() + " of " + pieces + " pieces after " + after);
            default -> wire.close();
        }
    }

    @Override
    public void ended(Wire wire, IOException failure, boolean midUnit, long now) {
        if (result.isDone()) {
            return;
        }
        String how = failure == null ? "closed" : "reset (" + failure.getMessage() + ")";
        switch (phase) {
            case CONNECTING ->
                complete(MetadataAttempt.failed(
                        MetadataStatus.UNREACHABLE,
                        failure == null ? "closed before it was connected" : String.valueOf(failure.getMessage()),
                        false,
                        advertised));
            case HANDSHAKING ->
                complete(MetadataAttempt.failed(
                        MetadataStatus.UNREACHABLE, how + " before its handshake", false, advertised));
            case FETCHING ->
                complete(MetadataAttempt.failed(
                        MetadataStatus.CLOSED,
                        how + " after " + received.cardinality() + " of " + pieces + " pieces",
                        offered,
                        advertised));
            default ->
                complete(MetadataAttempt.failed(
                        MetadataStatus.CLOSED, how + " before its extension handshake", offered, advertised));
        }
    }

    private void fail(Wire wire, MetadataStatus status, String why) {
        complete(MetadataAttempt.failed(status, why, offered, advertised));
        wire.close();
    }

    private void complete(MetadataAttempt outcome) {
        phase = Phase.DONE;
        chunks = null;
        result.complete(outcome);
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s >= 10 ? Math.round(s) + " s" : String.format("%.1f s", s);
    }
}
