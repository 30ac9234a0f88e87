package dev.peerscout.domain.fake;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.PeerSource.Search;
import dev.peerscout.domain.testing.FakePeerSource;
import dev.peerscout.domain.testing.Fixtures;
import dev.peerscout.domain.testing.PeerSourceContract;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/** The fake peer source used by discovery tests keeps the same promises as the DHT. */
class FakePeerSourceContractTest extends PeerSourceContract {
    private final FakePeerSource fake = new FakePeerSource(clock, "fake");

    @Override
    protected PeerSource source() {
        return fake;
    }

    @Override
    protected String name() {
        return "fake";
    }

    @Override
    protected Search searchThatFindsPeers(Duration within) {
        fake.findsAtOnce(FIRST, SECOND, FIRST);
        return search(within);
    }

    @Override
    protected Search searchNobodyAnswers(Duration within) {
        return search(within);
    }

    @Override
    protected void awaitAsked() {
        // the fake has nobody to ask
    }

    @Override
    protected void answerLate(Peer peer) {
        fake.hand(peer);
    }

    @Override
    protected void letLateAnswersArrive() {
        // hand() hands over (or drops) within the call
    }

    private Search search(Duration within) {
        return new Search(
                List.of(Fixtures.anyInfoHash()),
                List.of(),
                EnumSet.allOf(AddressFamily.class),
                clock.now().plus(within));
    }
}
