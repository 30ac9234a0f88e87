package dev.peerscout.domain.fake;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.testing.TrackerClientContract;
import dev.peerscout.domain.time.Scheduler;
import java.time.Duration;
import java.time.Instant;

/** The fake tracker used by discovery tests keeps the same contract as the real adapters. */
class FakeTrackerClientContractTest extends TrackerClientContract {
    private static final String SILENT = "udp://silent.invalid:6969/announce";
    private static final String CLOSED = "udp://closed.invalid:6969/announce";

    private final FakeScheduler scheduler = new FakeScheduler();
    private final FakeTrackerClient client = new FakeTrackerClient(scheduler);

    @Override
    protected TrackerClient client() {
        return client;
    }

    @Override
    protected TrackerUrl tracker() {
        return TrackerUrl.of("udp://fake.invalid:6969/announce");
    }

    @Override
    protected void register(InfoHash... hashes) {
        // the fake tracks every swarm
    }

    @Override
    protected UnansweringTracker unansweringTracker() {
        String url = "udp://silent.invalid:6969/announce";
        client.silent(url);
        return new UnansweringTracker() {
            @Override
            public TrackerUrl url() {
                return TrackerUrl.of(url);
            }

            @Override
            public int requestsReceived() {
                return (int) client.calls().stream()
                        .filter(call -> call.tracker().value().equals(url))
                        .count();
            }
        };
    }

    @Override
    protected Instant deadline() {
        return scheduler.now().plus(Duration.ofSeconds(10));
    }

    @Override
    protected TrackerClient clientOn(Scheduler clock) {
        FakeTrackerClient fake = new FakeTrackerClient(clock);
        fake.silent(SILENT);
        fake.closed(CLOSED);
        return fake;
    }

    @Override
    protected SilentTracker silentTracker() {
        return new SilentTracker() {
            @Override
            public TrackerUrl url() {
                return TrackerUrl.of(SILENT);
            }

            @Override
            public void awaitRequest() {
                // the fake takes each call within the call itself
            }

            @Override
            public void close() {}
        };
    }

    @Override
    protected TrackerUrl closedPort() {
        return TrackerUrl.of(CLOSED);
    }
}
