package dev.peerscout.adapters.dht.transport;

import dev.peerscout.adapters.dht.krpc.Message;
import dev.peerscout.adapters.dht.krpc.TransactionId;
import dev.peerscout.domain.time.Scheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The queries waiting for their reply, by transaction id. Each ends once: by the reply that matches
 * it (same transaction id, same sender), by its timeout, or when the transport closes. Thread-safe.
 */
final class PendingQueries {
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Map<TransactionId, Pending> pending = new ConcurrentHashMap<>();

    /** A query waiting for its reply. */
    static final class Pending {
        private final InetSocketAddress node;
        private final TransactionId transaction;
        private final CompletableFuture<QueryOutcome> outcome = new CompletableFuture<>();
        private volatile Scheduler.Cancellable timeout;

        private Pending(InetSocketAddress node, TransactionId transaction) {
            this.node = node;
            this.transaction = transaction;
        }

        TransactionId transaction() {
            return transaction;
        }

        CompletableFuture<QueryOutcome> outcome() {
            return outcome;
        }

        private void end(QueryOutcome how) {
            Scheduler.Cancellable timer = timeout;
            if (timer != null) {
                timer.cancel();
            }
            outcome.complete(how);
        }
    }

    /** @param random source of transaction ids: a {@code SecureRandom} in production */
    PendingQueries(Scheduler scheduler, RandomGenerator random) {
        this.scheduler = scheduler;
        this.random = random;
    }

    /** A query to {@code node} under a fresh transaction id, waiting until {@link #sent} or {@link #unsent}. */
    Pending add(InetSocketAddress node) {
        while (true) {
            TransactionId transaction;
            synchronized (random) {
                transaction = TransactionId.random(random);
            }
            Pending waiting = new Pending(node, transaction);
            if (pending.putIfAbsent(transaction, waiting) == null) {
                return waiting;
            }
        }
    }

    /** The query could not be sent: it is no longer waited for. */
    void unsent(Pending query) {
        pending.remove(query.transaction, query);
    }

    /** The query went out: it ends as {@link QueryOutcome.NoReply} if no reply matches within {@code timeout}. */
    void sent(Pending query, Duration timeout) {
        query.timeout = scheduler.schedule(timeout, () -> {
            if (pending.remove(query.transaction, query)) {
                query.outcome.complete(new QueryOutcome.NoReply("no reply within " + timeout.toMillis() + " ms"));
            }
        });
    }

    /** Ends the query {@code message} answers, if it came from the node asked; false if it matches none. */
    boolean match(Message message, InetSocketAddress from) {
        Pending query = pending.get(message.transaction());
        if (query == null || !sameEndpoint(query.node, from) || !pending.remove(message.transaction(), query)) {
            return false;
        }
        if (message instanceof Message.Response response) {
            query.end(new QueryOutcome.Answered(response.answer()));
        } else {
            Message.ErrorReply error = (Message.ErrorReply) message;
            query.end(new QueryOutcome.Refused(error.code(), error.text()));
        }
        return true;
    }

    /** Ends every query still waiting as {@link QueryOutcome.NoReply}. */
    void endAll(String why) {
        for (TransactionId transaction : List.copyOf(pending.keySet())) {
            Pending query = pending.remove(transaction);
            if (query != null) {
                query.end(new QueryOutcome.NoReply(why));
            }
        }
    }

    /** By address bytes and port, so an IPv6 scope id cannot make the node we asked look like a stranger. */
    private static boolean sameEndpoint(InetSocketAddress asked, InetSocketAddress from) {
        return asked.getPort() == from.getPort()
                && Arrays.equals(
                        asked.getAddress().getAddress(), from.getAddress().getAddress());
    }
}
