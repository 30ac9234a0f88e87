package dev.peerscout.adapters.udp.protocol;

import dev.peerscout.domain.model.AddressFamily;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.ByteBuffer;

/** A datagram from a tracker. Every reply starts with its action and our transaction id. */
public sealed interface Reply permits ConnectReply, AnnounceReply, ScrapeReply, ErrorReply {
    /** Action and transaction id: the 8 bytes needed to match a reply to a request. */
    int HEADER_LENGTH = 8;

    Action action();

    int transactionId();

    /** The action code (any value) and transaction id, when the datagram is long enough to have them. */
    record Header(int action, int transactionId) {}

    static Option<Header> header(ByteBuffer datagram) {
        if (datagram.remaining() < HEADER_LENGTH) {
            return Option.none();
        }
        return Option.some(new Header(actionOf(datagram), transactionIdOf(datagram)));
    }

    /** The action code of a datagram of at least {@value #HEADER_LENGTH} bytes, read in place. */
    static int actionOf(ByteBuffer datagram) {
        return datagram.getInt(datagram.position());
    }

    /** The transaction id of a datagram of at least {@value #HEADER_LENGTH} bytes, read in place. */
    static int transactionIdOf(ByteBuffer datagram) {
        return datagram.getInt(datagram.position() + 4);
    }

    /**
     * Decodes any reply. {@code family} is that of the tracker address the datagram came from: it
     * decides the size of announce peer entries.
     */
    static Either<MalformedPacket, Reply> decode(ByteBuffer datagram, AddressFamily family) {
        Option<Header> header = header(datagram);
        if (header.isEmpty()) {
            return Either.left(MalformedPacket.tooShort("reply", datagram.remaining(), HEADER_LENGTH));
        }
        int code = header.get().action();
        Option<Action> action = Action.of(code);
        if (action.isEmpty()) {
            return Either.left(new MalformedPacket("reply with unknown action " + code));
        }
        switch (action.get()) {
            case CONNECT:
                return ConnectReply.decode(datagram).map(Reply.class::cast);
            case ANNOUNCE:
                return AnnounceReply.decode(datagram, family).map(Reply.class::cast);
            case SCRAPE:
                return ScrapeReply.decode(datagram).map(Reply.class::cast);
            default:
                return ErrorReply.decode(datagram).map(Reply.class::cast);
        }
    }
}
