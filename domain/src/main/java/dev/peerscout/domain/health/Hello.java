package dev.peerscout.domain.health;

import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerProbe;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** Our {@code started} to one tracker address, and whether its {@code stopped} has been sent. */
final class Hello {
    final TrackerUrl url;
    final InetAddress address;
    final AnnounceRequest request;
    final CompletableFuture<TrackerProbe.Step<AnnounceResponse>> started = new CompletableFuture<>();
    private final AtomicBoolean goodbyeSent = new AtomicBoolean();

    Hello(TrackerUrl url, InetAddress address, AnnounceRequest request) {
        this.url = url;
        this.address = address;
        this.request = request;
    }

    /**
     * Whether the address may have taken our {@code started}: it accepted it, has not answered
     * yet, or never answered (the answer may be what was lost), or answered with garbage. Not after
     * an error text or a refusal: nothing was registered there.
     */
    boolean mayHaveUs() {
        if (started.isDone() && !started.isCompletedExceptionally()) {
            Either<TrackerFailure, AnnounceResponse> outcome = started.join().outcome();
            return outcome.isRight()
                    || outcome.getLeft() instanceof TrackerFailure.Timeout
                    || outcome.getLeft() instanceof TrackerFailure.Malformed;
        }
        return true;
    }

    /** True the first time only: the goodbye is said once. */
    boolean claimGoodbye() {
        return goodbyeSent.compareAndSet(false, true);
    }
}
