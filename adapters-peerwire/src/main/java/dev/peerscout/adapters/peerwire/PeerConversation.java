package dev.peerscout.adapters.peerwire;

import dev.peerscout.adapters.peerwire.protocol.ExtensionHandshake;
import dev.peerscout.adapters.peerwire.protocol.Frames;
import dev.peerscout.adapters.peerwire.protocol.Handshake;
import dev.peerscout.adapters.peerwire.protocol.WireMessage;
import dev.peerscout.adapters.peerwire.transport.Conversation;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.PeerId;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a probe and a metadata fetch share: the handshake we send (the v1 hash, else the v2 one
 * truncated, with the upgrade bit when we know both) and the hashes we accept back, our side of the
 * fast and extension protocols, reading the handshake and the messages after it, a deadline that
 * starts at the connect timeout and never passes the hard one, and the size of the next unit to
 * read. Ends when its result is done.
 *
 * @param <R> the result
 */
abstract class PeerConversation<R> implements Conversation {
    /** Ours: extension protocol, fast extension, DHT (BEP 10, 6, 5). */
    static final long OUR_RESERVED = Handshake.EXTENSIONS | Handshake.FAST | Handshake.DHT;

    protected final PeerWireConfig config;
    protected final CompletableFuture<R> result;
    protected final long started;
    protected final long hardDeadline;
    protected long deadline;
    protected int nextNeed = Handshake.LENGTH;
    private final List<byte[]> acceptedHashes = new ArrayList<>();
    private final Handshake ours;

    PeerConversation(
            InfoHashes hashes,
            PeerId ourId,
            Duration connectTimeout,
            PeerWireConfig config,
            CompletableFuture<R> result,
            long now,
            long hardDeadline) {
        this.config = config;
        this.result = result;
        this.started = now;
        this.hardDeadline = hardDeadline;
        this.deadline = Math.min(hardDeadline, now + connectTimeout.toNanos());
        hashes.v1().forEach(h -> acceptedHashes.add(h.toBytes()));
        hashes.v2().map(InfoHashV2::truncated).forEach(h -> acceptedHashes.add(h.toBytes()));
        InfoHash sent = hashes.v1().getOrElse(() -> hashes.v2().get().truncated());
        long reserved = OUR_RESERVED | (hashes.v1().isDefined() && hashes.v2().isDefined() ? Handshake.V2_UPGRADE : 0);
        this.ours = new Handshake(reserved, sent.toBytes(), ourId.toBytes());
    }

    protected final void sendOurHandshake(Wire wire) {
        wire.send(ours.encode());
    }

    /**
     * The peer's handshake, once whole and for one of our hashes; null while it is incomplete, or
     * when the conversation failed through {@link #notBitTorrent} or {@link #otherSwarm}.
     */
    protected final Handshake readHandshake(Wire wire, ByteBuffer in) {
        if (!Handshake.couldStart(in)) {
            notBitTorrent(wire, in);
            return null;
        }
        if (in.remaining() < Handshake.LENGTH) {
            return null;
        }
        Handshake theirs = ((Handshake.Decoded.Ok) Handshake.decode(in)).handshake();
        if (acceptedHashes.stream().noneMatch(theirs::hasHash)) {
            otherSwarm(wire, theirs);
            return null;
        }
        return theirs;
    }

    /**
     * The next whole message after the handshakes; null when more bytes are needed (noted for
     * {@link #bytesWanted}), or when the framing was broken and the conversation failed through
     * {@link #brokeProtocol}.
     */
    protected final WireMessage readMessage(Wire wire, ByteBuffer in, Frames.Limits limits) {
        Frames.Decoded decoded = Frames.decode(in, limits);
        if (decoded instanceof Frames.Decoded.NeedMore more) {
            nextNeed = more.total();
            return null;
        }
        if (decoded instanceof Frames.Decoded.Violation violation) {
            brokeProtocol(wire, violation.why());
            return null;
        }
        nextNeed = 4;
        return ((Frames.Decoded.Message) decoded).message();
    }

    /** What came first is not a BitTorrent handshake ({@code in} as received): fail and close. */
    protected abstract void notBitTorrent(Wire wire, ByteBuffer in);

    /** A handshake for a swarm we did not ask for: fail and close. */
    protected abstract void otherSwarm(Wire wire, Handshake theirs);

    /** The peer broke the protocol after the handshakes ({@code why}): fail and close. */
    protected abstract void brokeProtocol(Wire wire, String why);

    /** Right after the handshakes: {@code have_none} first (BEP 6: piece information comes first), then BEP 10's. */
    protected final void sendWhatWeHave(Wire wire, boolean fast, boolean extensions) {
        if (fast) {
            wire.send(new WireMessage.HaveNone().encode());
        }
        if (extensions) {
            wire.send(new WireMessage.Extended(
                            0,
                            ExtensionHandshake.ours(config.client(), config.reqq())
                                    .encode())
                    .encode());
        }
    }

    @Override
    public final long deadline() {
        return deadline;
    }

    @Override
    public final boolean abandoned() {
        return result.isDone();
    }

    @Override
    public final int bytesWanted() {
        return Math.max(Handshake.LENGTH, nextNeed);
    }
}
