package dev.peerscout.cli;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.peerscout.domain.port.MetadataWire;
import dev.peerscout.domain.port.MetainfoWriter;
import dev.peerscout.domain.port.PeerWire;
import dev.peerscout.domain.port.TorrentReader;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.testing.FakePeerWire;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.time.Scheduler;
import javax.inject.Singleton;

/**
 * The production wiring ({@link CoreModule}) with the adapters and the clock swapped for fakes
 * through the same seams the app uses.
 */
@Singleton
@Component(modules = {CoreModule.class, TestComponent.FakeAdaptersModule.class})
interface TestComponent {

    CommandLines commandLines();

    @Component.Factory
    interface Factory {
        TestComponent create(
                @BindsInstance Scheduler scheduler,
                @BindsInstance FakeTrackerClient trackers,
                @BindsInstance TorrentReader reader);
    }

    @Module
    final class FakeAdaptersModule {
        private FakeAdaptersModule() {}

        @Provides
        @IntoMap
        @StringKey("udp")
        static TrackerClient udp(FakeTrackerClient fake) {
            return fake;
        }

        /** Nothing on standard input: a test that needs some gives a stream to the class that reads it. */
        @Provides
        @javax.inject.Named("stdin")
        static java.io.InputStream stdin() {
            return java.io.InputStream.nullInputStream();
        }

        @Provides
        @Singleton
        static PeerWire peerWire() {
            return new FakePeerWire();
        }

        /** No peer ever answers a metadata request here; real peers are the end-to-end tests' business. */
        @Provides
        @Singleton
        static MetadataWire metadataWire() {
            return request -> new java.util.concurrent.CompletableFuture<>();
        }

        @Provides
        static MetainfoWriter metainfoWriter() {
            return new dev.peerscout.adapters.torrentfile.MagnetMetainfoWriter();
        }

        @Provides
        @IntoMap
        @StringKey("http")
        static TrackerClient http(FakeTrackerClient fake) {
            return fake;
        }
    }
}
