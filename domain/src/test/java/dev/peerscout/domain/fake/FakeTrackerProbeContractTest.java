package dev.peerscout.domain.fake;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerProbe;
import dev.peerscout.domain.testing.TrackerProbeContract;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

/** The fake probe used by the tracker-health tests keeps the same contract as the real adapters. */
class FakeTrackerProbeContractTest extends TrackerProbeContract {
    private static final String URL = "udp://127.0.0.1:6969/announce";
    private final FakeScheduler scheduler = new FakeScheduler();
    private final FakeTrackerProbe probe = new FakeTrackerProbe(scheduler)
            .resolves(URL, InetAddress.getLoopbackAddress())
            .answers(URL, InetAddress.getLoopbackAddress(), Duration.ofMillis(20));

    @Override
    protected TrackerProbe probe() {
        return probe;
    }

    @Override
    protected TrackerUrl tracker() {
        return TrackerUrl.of(URL);
    }

    @Override
    protected void register(InfoHash... hashes) {
        // the fake tracks every swarm
    }

    @Override
    protected Instant deadline() {
        return scheduler.now().plus(Duration.ofSeconds(10));
    }

    @Override
    protected void settle() {
        scheduler.advance(Duration.ofSeconds(1));
    }
}
