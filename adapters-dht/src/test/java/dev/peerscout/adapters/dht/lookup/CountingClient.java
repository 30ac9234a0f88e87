package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeId;
import io.vavr.control.Option;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts calls of a client. */
final class CountingClient implements GetPeersClient {
    final AtomicInteger calls = new AtomicInteger();
    private final GetPeersClient inner;

    CountingClient(GetPeersClient inner) {
        this.inner = inner;
    }

    @Override
    public CompletionStage<Option<Answer>> getPeers(InetSocketAddress node, NodeId target) {
        calls.incrementAndGet();
        return inner.getPeers(node, target);
    }
}
