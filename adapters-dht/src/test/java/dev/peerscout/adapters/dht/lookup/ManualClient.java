package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeId;
import io.vavr.control.Option;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A client whose queries wait until the test answers them, so it can look at what is in flight. */
final class ManualClient implements GetPeersClient {

    record Asked(InetSocketAddress node, NodeId target, CompletableFuture<Option<Answer>> reply) {
        void answer(Answer answer) {
            reply.complete(Option.some(answer));
        }

        void fail() {
            reply.complete(Option.none());
        }
    }

    final List<Asked> asked = new ArrayList<>();

    @Override
    public synchronized CompletionStage<Option<Answer>> getPeers(InetSocketAddress node, NodeId target) {
        Asked query = new Asked(node, target, new CompletableFuture<>());
        asked.add(query);
        return query.reply();
    }

    synchronized List<Asked> inFlight() {
        return asked.stream().filter(query -> !query.reply().isDone()).toList();
    }

    synchronized Asked last() {
        return asked.get(asked.size() - 1);
    }

    synchronized List<InetSocketAddress> nodesAsked() {
        return asked.stream().map(Asked::node).toList();
    }
}
