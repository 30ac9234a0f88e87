package dev.peerscout.adapters.peerwire;

import dev.peerscout.adapters.peerwire.protocol.ClientNames;
import dev.peerscout.adapters.peerwire.protocol.ExtensionHandshake;
import dev.peerscout.adapters.peerwire.protocol.Frames;
import dev.peerscout.adapters.peerwire.protocol.Handshake;
import dev.peerscout.adapters.peerwire.protocol.PexMessage;
import dev.peerscout.adapters.peerwire.protocol.WireMessage;
import dev.peerscout.domain.model.probe.PeerDetails;
import dev.peerscout.domain.model.probe.PexPeer;
import dev.peerscout.domain.model.probe.ProbeRequest;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.model.probe.ProbeStatus;
import dev.peerscout.domain.model.probe.ReservedBits;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One probe as a conversation: our handshake, the peer's, then our BEP 10 handshake and
 * {@code have_none} when agreed, listening until the peer has said who it is and what it has
 * (and, when it offers PEX, until its first PEX message or a bounded while), then a clean close.
 * We never send {@code interested} nor request anything.
 */
final class PeerProbe extends PeerConversation<ProbeResult> {
    private enum Phase {
        CONNECTING,
        HANDSHAKING,
        SETTLING,
        AWAITING_PEX,
        DONE
    }

    private final ProbeRequest request;
    private final Frames.Limits limits;
    private final PiecesHeard pieces;

    private Phase phase = Phase.CONNECTING;
    private Duration rtt;
    private Handshake theirs;
    private boolean fast;
    private ExtensionHandshake extensions;
    private final List<PexPeer> pex = new ArrayList<>();

    PeerProbe(
            ProbeRequest request,
            PeerWireConfig config,
            CompletableFuture<ProbeResult> result,
            long now,
            long hardDeadline) {
        super(request.hashes(), request.ourId(), request.connectTimeout(), config, result, now, hardDeadline);
        this.request = request;
        this.limits = Frames.Limits.forPieces(request.pieceCount().getOrElse(-1L));
        this.pieces = new PiecesHeard(limits);
    }

    @Override
    public void connected(Wire wire, long now) {
        rtt = Duration.ofNanos(now - started);
        phase = Phase.HANDSHAKING;
        sendOurHandshake(wire);
    }

    @Override
    public void received(Wire wire, ByteBuffer in, long now) {
        if (phase == Phase.HANDSHAKING) {
            theirs = readHandshake(wire, in);
            if (theirs == null) {
                return;
            }
            afterHandshake(wire, now);
        }
        while (phase == Phase.SETTLING || phase == Phase.AWAITING_PEX) {
            WireMessage message = readMessage(wire, in, limits);
            if (message == null) {
                return;
            }
            String problem = take(message);
            if (problem != null) {
                brokeProtocol(wire, problem);
                return;
            }
            advance(wire, now);
        }
    }

    @Override
    protected void notBitTorrent(Wire wire, ByteBuffer in) {
        fail(wire, ProbeStatus.NOT_BITTORRENT, "not a BitTorrent handshake (starts " + hexStart(in) + ")");
    }

    @Override
    protected void otherSwarm(Wire wire, Handshake theirs) {
        fail(
                wire,
                ProbeStatus.WRONG_HASH,
                "a handshake for another swarm (" + HexFormat.of().formatHex(theirs.infoHash()) + ")");
    }

    /** Also for a message that, well framed, breaks the protocol. */
    @Override
    protected void brokeProtocol(Wire wire, String why) {
        fail(wire, ProbeStatus.NOT_BITTORRENT, "broke the protocol after its handshake: " + why);
    }

    private void afterHandshake(Wire wire, long now) {
        ReservedBits reserved = new ReservedBits(theirs.reserved());
        fast = reserved.fast();
        phase = Phase.SETTLING;
        nextNeed = 4;
        deadline = Math.min(hardDeadline, now + request.settleTime().toNanos());
        sendWhatWeHave(wire, fast, reserved.extensions());
        advance(wire, now);
    }

    /** Returns a protocol problem, or null. */
    private String take(WireMessage message) {
        return message instanceof WireMessage.Extended extended ? extended(extended) : pieces.take(message, fast);
    }

    private String extended(WireMessage.Extended message) {
        if (message.extendedId() == 0) {
            Either<String, ExtensionHandshake> decoded = ExtensionHandshake.decode(message.payload());
            if (decoded.isLeft()) {
                return "extension handshake: " + decoded.getLeft();
            }
            extensions = decoded.get();
            return null;
        }
        if (message.extendedId() == ExtensionHandshake.UT_PEX) {
            int room = config.maxPexPeers() - pex.size();
            Either<String, PexMessage> decoded = PexMessage.decode(message.payload(), Math.max(0, room));
            if (decoded.isLeft()) {
                return "PEX: " + decoded.getLeft();
            }
            pex.addAll(decoded.get().added());
            if (phase == Phase.AWAITING_PEX) {
                phase = Phase.DONE;
            }
        }
        return null; // ut_metadata and anything else: not a prober's business
    }

    /** Moves on once the peer has told what a probe wants to know. */
    private void advance(Wire wire, long now) {
        if (phase == Phase.SETTLING) {
            boolean extensionsKnown = !new ReservedBits(theirs.reserved()).extensions() || extensions != null;
            if (extensionsKnown && pieces.known()) {
                settled(now);
            }
        }
        if (phase == Phase.DONE) {
            finish(wire);
        }
    }

    private void settled(long now) {
        boolean offersPex = extensions != null && extensions.idOf("ut_pex").isDefined();
        if (offersPex && !request.pexWait().isZero() && pex.isEmpty() && pex.size() < config.maxPexPeers()) {
            phase = Phase.AWAITING_PEX;
            deadline = Math.min(hardDeadline, now + request.pexWait().toNanos());
        } else {
            phase = Phase.DONE;
        }
    }

    @Override
    public void timedOut(Wire wire, long now) {
        switch (phase) {
            case CONNECTING -> fail(wire, ProbeStatus.TIMEOUT, "no connection after " + seconds(now - started));
            case HANDSHAKING -> fail(wire, ProbeStatus.TIMEOUT, "no handshake after " + seconds(now - started));
            case SETTLING -> {
                settled(now);
                if (now - hardDeadline >= 0) {
                    phase = Phase.DONE;
                }
                advance(wire, now);
            }
            default -> finish(wire);
        }
    }

    @Override
    public void ended(Wire wire, IOException failure, boolean midUnit, long now) {
        if (result.isDone()) {
            return;
        }
        switch (phase) {
            case CONNECTING -> complete(connectFailure(failure));
            case HANDSHAKING ->
                complete(ProbeResult.failed(
                        ProbeStatus.CLOSED,
                        failure == null
                                ? "closed by the peer before its handshake (it may require encryption)"
                                : "reset by the peer before its handshake (" + failure.getMessage()
                                        + "; it may require encryption)",
                        option(rtt)));
            default -> {
                if (midUnit) {
                    complete(ProbeResult.failed(
                            ProbeStatus.CLOSED,
                            (failure == null ? "closed" : "reset") + " by the peer in the middle of a message",
                            option(rtt)));
                } else {
                    complete(verified(
                            failure == null ? "the peer closed the connection" : "the peer reset the connection"));
                }
            }
        }
    }

    private ProbeResult connectFailure(IOException failure) {
        if (failure == null) {
            return ProbeResult.failed(ProbeStatus.CLOSED, "closed before it was connected", Option.none());
        }
        // The exception's own words, never its class name: that reaches the user's output.
        String why = failure.getMessage() == null ? "cannot connect" : failure.getMessage();
        if (failure instanceof ConnectException && why.contains("refused")) {
            return ProbeResult.failed(ProbeStatus.REFUSED, "connection refused", Option.none());
        }
        return ProbeResult.failed(ProbeStatus.UNREACHABLE, why, Option.none());
    }

    private void finish(Wire wire) {
        complete(verified(null));
        wire.close();
    }

    private void fail(Wire wire, ProbeStatus status, String why) {
        complete(ProbeResult.failed(status, why, option(rtt)));
        wire.close();
    }

    private void complete(ProbeResult outcome) {
        phase = Phase.DONE;
        result.complete(outcome);
    }

    private ProbeResult verified(String note) {
        Option<String> client =
                extensions == null ? Option.none() : extensions.client().filter(v -> !v.isBlank());
        if (client.isEmpty()) {
            client = ClientNames.fromPeerId(theirs.peerId());
        }
        Map<String, Integer> m = extensions == null ? Map.of() : extensions.extensions();
        PeerDetails details = new PeerDetails(
                theirs.peerId(),
                client,
                new ReservedBits(theirs.reserved()),
                pieces.percent(),
                pieces.seed(),
                m,
                extensions == null ? Option.none() : extensions.metadataSize(),
                extensions == null ? Option.none() : extensions.yourIp(),
                extensions == null ? Option.none() : extensions.reqq(),
                extensions == null ? Option.none() : extensions.listenPort());
        return new ProbeResult(ProbeStatus.OK, Option.of(note), option(rtt), Option.of(details), pex);
    }

    private static Option<Duration> option(Duration d) {
        return Option.of(d);
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s >= 10 || s == Math.rint(s) ? Math.round(s) + " s" : String.format("%.1f s", s);
    }

    private static String hexStart(ByteBuffer in) {
        int n = Math.min(8, in.remaining());
        byte[] head = new byte[n];
        in.duplicate().get(head);
        return HexFormat.of().formatHex(head);
    }
}
