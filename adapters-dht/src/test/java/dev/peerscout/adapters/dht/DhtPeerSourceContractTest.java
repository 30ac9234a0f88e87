package dev.peerscout.adapters.dht;

import static dev.peerscout.adapters.dht.FakeNodes.answering;
import static dev.peerscout.adapters.dht.FakeNodes.silent;

import dev.peerscout.adapters.dht.FakeNodes.FakeNode;
import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.PeerSource.Search;
import dev.peerscout.domain.testing.Fixtures;
import dev.peerscout.domain.testing.PeerSourceContract;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The peer-source contract, kept by the DHT client against fake nodes on 127.0.0.1, on the contract's clock. */
class DhtPeerSourceContractTest extends PeerSourceContract {
    private final Harness harness = new Harness(clock);
    private FakeNode mute;

    DhtPeerSourceContractTest() throws Exception {}

    @AfterEach
    void close() {
        harness.close();
    }

    @Override
    protected PeerSource source() {
        // Queries outlive the searches here, so that the deadline or stop() is what ends them.
        return harness.source(Harness.loopbackConfig().withQueryTimeout(Duration.ofMinutes(5)));
    }

    @Override
    protected String name() {
        return "dht";
    }

    @Override
    protected Search searchThatFindsPeers(Duration within) throws Exception {
        FakeNode both = harness.nodes.start(answering(List.of(), List.of(FIRST, SECOND)));
        FakeNode first = harness.nodes.start(answering(List.of(), List.of(FIRST)));
        return search(within, both, first);
    }

    @Override
    protected Search searchNobodyAnswers(Duration within) throws Exception {
        mute = harness.nodes.start(silent());
        return search(within, mute);
    }

    @Override
    protected void awaitAsked() throws InterruptedException {
        awaitTrue(() -> !mute.received.isEmpty(), () -> "the silent node got no query");
    }

    @Override
    protected void answerLate(Peer peer) throws Exception {
        mute.answer(mute.received.get(0), new Answer(mute.id, List.of(), List.of(peer), Option.none()));
    }

    @Override
    protected void letLateAnswersArrive() throws InterruptedException {
        // Nothing can be seen to wait for: a dropped datagram leaves no trace. Loopback takes microseconds.
        Thread.sleep(200);
    }

    private Search search(Duration within, FakeNode... bootstrap) {
        List<HostPort> nodes = java.util.Arrays.stream(bootstrap)
                .map(node -> new HostPort("127.0.0.1", node.port()))
                .toList();
        return harness.search(List.of(Fixtures.anyInfoHash()), nodes, within, EnumSet.of(AddressFamily.IPV4));
    }
}
