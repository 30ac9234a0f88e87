package dev.peerscout.adapters.udp.transport;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.domain.model.AddressFamily;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * What an exchange asks once it holds a connection id (an announce, or one scrape batch), and how to
 * read the answer. The transport handles connecting, retransmitting and matching around it.
 *
 * @param <R> the decoded answer
 */
public interface Operation<R> {

    /** The action a matching answer carries (besides 3, error). */
    Action action();

    /** The request datagram; called again with a new transaction id after every reconnect. */
    byte[] encode(long connectionId, int transactionId);

    /**
     * Reads an answer whose transaction id and action already match. {@code family} is that of the
     * tracker's address (it decides the size of peer entries).
     */
    Either<MalformedPacket, R> decode(ByteBuffer datagram, AddressFamily family);

    /**
     * The exchange holds a connection id and sends this operation's request (again after a reconnect);
     * {@code connectTook} is how long the connect that obtained the id took. For step timings.
     */
    default void requesting(Duration connectTook) {}

    /**
     * A datagram of this operation's exchange (a connect or the request, first sent or again) was handed
     * to the OS: what the exchange's {@code attempts} counts, told as it happens.
     */
    default void sent() {}
}
