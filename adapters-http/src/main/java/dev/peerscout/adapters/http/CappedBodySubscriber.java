package dev.peerscout.adapters.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Streams a response body into a {@link BoundedBuffer}, asking for one chunk at a time, and
 * cancels the stream as soon as the limit is passed: an endless or huge body costs at most the
 * limit in memory and ends the exchange early (the connection is then closed, not reused).
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<ReceivedBody> {
    private final BoundedBuffer buffer;
    private final CompletableFuture<ReceivedBody> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    CappedBodySubscriber(int limit) {
        this.buffer = new BoundedBuffer(limit);
    }

    static HttpResponse.BodyHandler<ReceivedBody> handler(int limit) {
        return responseInfo -> new CappedBodySubscriber(limit);
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        newSubscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer chunk : chunks) {
            if (!buffer.append(chunk)) {
                subscription.cancel();
                body.complete(new ReceivedBody(buffer.toBytes(), true));
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(new ReceivedBody(buffer.toBytes(), false));
    }

    @Override
    public CompletionStage<ReceivedBody> getBody() {
        return body;
    }
}
