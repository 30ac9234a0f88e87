package dev.peerscout.adapters.udp.transport;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.adapters.udp.protocol.ConnectReply;
import dev.peerscout.adapters.udp.protocol.ConnectRequest;
import dev.peerscout.adapters.udp.protocol.ErrorReply;
import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One query to one tracker address, from the first datagram to its outcome: connect when there is
 * no fresh connection id, send the query, retransmit on the BEP 15 schedule, reconnect when the id
 * expires or once after an error reply, and give up at the deadline.
 *
 * <p>Exchanges with the same tracker share one connect: while one is connecting, the others park
 * and continue when it has an id (or start their own connect if it failed).
 *
 * <p>Every method but {@link #outcome()} and {@link #complete()} runs while holding the endpoint's
 * lock; the outcome future completes after the lock is released. Replies never cause more than the planned step: a connect reply sends the
 * query, and one error reply per exchange may send a new connect. Anything else is ignored.
 */
final class Exchange<R, T> {
    /** PARKED: waiting for another exchange's connect to the same tracker, with nothing outstanding. */
    private enum Phase {
        QUEUED,
        PARKED,
        CONNECTING,
        REQUESTING,
        DONE
    }

    private final Endpoint endpoint;
    private final TrackerKey key;
    private final Operation<R> operation;
    private final Instant started;
    private final Instant deadline;
    private final Scheduler scheduler;
    private final RetransmitPolicy policy;
    private final ConnectionIds connectionIds;
    private final Function<Either<TrackerFailure, Answered<R>>, T> conclusion;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private Either<TrackerFailure, Answered<R>> result;

    private Phase phase = Phase.QUEUED;
    private int attempts;
    private int exponent;
    private int transactionId;
    private byte[] datagram;
    private ConnectionIds.Grant grant;
    private boolean reconnectedAfterError;
    /** When this exchange's current connect began: how long connecting takes is kept with the id. */
    private Instant connectStarted;

    private TimerQueue.Timer retransmitTimer;
    private TimerQueue.Timer deadlineTimer;
    /** Made once: an exchange sets this timer for every datagram it sends. */
    private final Runnable onRetransmitDue = this::retransmitDue;

    /** @param conclusion turns the result into the caller's answer (saves the caller a future of its own) */
    Exchange(
            Endpoint endpoint,
            TrackerKey key,
            Operation<R> operation,
            Instant started,
            Instant deadline,
            Scheduler scheduler,
            RetransmitPolicy policy,
            ConnectionIds connectionIds,
            Function<Either<TrackerFailure, Answered<R>>, T> conclusion) {
        this.endpoint = endpoint;
        this.key = key;
        this.operation = operation;
        this.started = started;
        this.deadline = deadline;
        this.scheduler = scheduler;
        this.policy = policy;
        this.connectionIds = connectionIds;
        this.conclusion = conclusion;
    }

    CompletableFuture<T> outcome() {
        return outcome;
    }

    boolean isPastDeadline() {
        return !scheduler.now().isBefore(deadline);
    }

    /** Starts the deadline clock; the exchange may still wait for a free slot. */
    void armDeadline() {
        deadlineTimer = endpoint.timers().at(deadline, this::expire);
    }

    /**
     * Sends the first datagram: the query when a connection id is still fresh, a connect otherwise.
     * Also how a parked exchange resumes.
     */
    void begin() {
        if (phase != Phase.QUEUED && phase != Phase.PARKED) {
            return;
        }
        if (isPastDeadline()) {
            expire();
            return;
        }
        ConnectionIds.Grant cached = connectionIds.valid(key);
        if (cached != null) {
            grant = cached;
            request();
        } else {
            connect();
        }
    }

    void onReply(int action, ByteBuffer reply, AddressFamily family) {
        if (phase != Phase.CONNECTING && phase != Phase.REQUESTING) {
            return;
        }
        if (action == Action.ERROR.code()) {
            ErrorReply.decode(reply).fold(this::malformed, error -> {
                onError(error.message());
                return null;
            });
        } else if (phase == Phase.CONNECTING && action == Action.CONNECT.code()) {
            ConnectReply.decode(reply).fold(this::malformed, connected -> {
                grant = connectionIds.remember(
                        key, connected.connectionId(), Duration.between(connectStarted, scheduler.now()));
                exponent = 0;
                request();
                endpoint.connects().ended(key, this);
                return null;
            });
        } else if (phase == Phase.REQUESTING && action == operation.action().code()) {
            operation.decode(reply, family).fold(this::malformed, answer -> {
                finish(Either.right(new Answered<>(answer, attempts)));
                return null;
            });
        }
        // Any other action is a stray: ignored, we keep waiting.
    }

    /** The deadline came first. */
    void expire() {
        if (phase != Phase.DONE) {
            finish(Either.left(new TrackerFailure.Timeout(attempts, Duration.between(started, scheduler.now()))));
        }
    }

    /** The socket to the tracker failed (ICMP unreachable, no route) or was closed. */
    void unreachable(String detail, boolean refused) {
        if (phase != Phase.DONE) {
            finish(Either.left(new TrackerFailure.Unreachable(detail, attempts, refused)));
        }
    }

    private void connect() {
        grant = null;
        if (!endpoint.connects().lead(key, this)) {
            phase = Phase.PARKED;
            endpoint.timers().cancel(retransmitTimer);
            endpoint.dropTransaction(this, transactionId);
            return;
        }
        phase = Phase.CONNECTING;
        connectStarted = scheduler.now();
        transactionId = endpoint.newTransaction(this, transactionId);
        datagram = new ConnectRequest(transactionId).toBytes();
        transmit();
    }

    private void request() {
        phase = Phase.REQUESTING;
        operation.requesting(grant.connectTook());
        transactionId = endpoint.newTransaction(this, transactionId);
        datagram = operation.encode(grant.id(), transactionId);
        transmit();
    }

    /** The timer is set before sending, so whoever sees the datagram knows the retransmission is scheduled. */
    private void transmit() {
        endpoint.timers().cancel(retransmitTimer);
        retransmitTimer = endpoint.timers().after(policy.wait(exponent), onRetransmitDue);
        if (endpoint.send(datagram)) {
            attempts++;
            operation.sent();
        }
    }

    private void retransmitDue() {
        if (phase != Phase.CONNECTING && phase != Phase.REQUESTING) {
            return;
        }
        if (exponent >= policy.maxExponent()) {
            expire();
            return;
        }
        exponent++;
        if (phase == Phase.REQUESTING && connectionIds.isExpired(grant)) {
            connect();
        } else {
            transmit();
        }
    }

    /** A stale connection id is the usual cause of an error, so forget it and try once more. */
    private void onError(String message) {
        if (grant != null) {
            connectionIds.forget(key, grant);
        }
        if (phase == Phase.REQUESTING && !reconnectedAfterError) {
            reconnectedAfterError = true;
            exponent = 0;
            connect();
        } else {
            finish(Either.left(new TrackerFailure.Rejected(message, attempts)));
        }
    }

    private Void malformed(MalformedPacket problem) {
        finish(Either.left(new TrackerFailure.Malformed(problem.detail(), attempts)));
        return null;
    }

    private void finish(Either<TrackerFailure, Answered<R>> result) {
        boolean wasQueued = phase == Phase.QUEUED;
        Phase last = phase;
        phase = Phase.DONE;
        endpoint.timers().cancel(retransmitTimer);
        endpoint.timers().cancel(deadlineTimer);
        if (last == Phase.CONNECTING) {
            endpoint.connects().ended(key, this);
        } else if (last == Phase.PARKED) {
            endpoint.connects().unpark(key, this);
        }
        endpoint.retire(this, transactionId, wasQueued);
        this.result = result;
        endpoint.finished(this);
    }

    /** Completes the caller's future; called by the endpoint once its monitor is released. */
    void complete() {
        try {
            outcome.complete(conclusion.apply(result));
        } catch (RuntimeException e) {
            // A broken conclusion fails its own call only; the receiver thread and the others go on.
            outcome.completeExceptionally(e);
        }
    }
}
