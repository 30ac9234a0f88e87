package dev.peerscout.adapters.peerwire.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What one connection says and does, driven by the {@link Connections} selector thread: every
 * call comes from that thread, so a conversation needs no locks. Times are {@link System#nanoTime()}.
 */
public interface Conversation {

    /** The TCP connection is up. */
    void connected(Wire wire, long now);

    /**
     * Bytes arrived: {@code in} is in read mode; consume whole units from its position and leave a
     * partial one where it is. The transport keeps what remains for next time.
     */
    void received(Wire wire, ByteBuffer in, long now);

    /** The connection could not be made, or ended; {@code failure} is null for an orderly close by the peer. */
    void ended(Wire wire, IOException failure, boolean midUnit, long now);

    /** {@link #deadline()} has passed. */
    void timedOut(Wire wire, long now);

    /** When to call {@link #timedOut}. */
    long deadline();

    /** Whoever asked for this conversation no longer wants it: the transport closes the connection. */
    boolean abandoned();

    /**
     * How many bytes the next unit needs in one piece (at most the conversation's own cap, which it
     * checked before asking): the transport grows the buffer to that, never beyond.
     */
    int bytesWanted();

    /** The transport's side of a connection, as a conversation sees it. */
    interface Wire {
        /** Queues bytes to send; sent in order, as fast as the peer takes them. */
        void send(byte[] bytes);

        /** Ends the connection (our bytes still queued are sent first if the socket takes them at once). */
        void close();
    }
}
