package dev.peerscout.cli;

import dagger.Module;
import dagger.Provides;
import dev.peerscout.domain.time.Scheduler;
import dev.peerscout.domain.time.SystemScheduler;
import java.io.InputStream;
import javax.inject.Named;
import javax.inject.Singleton;

/** The real clock and standard input. Tests swap in a fake clock through the same seam. */
@Module
final class SystemModule {
    private SystemModule() {}

    /** Standard input, where {@code -} reads a torrent or a list from. */
    @Provides
    @Named("stdin")
    static InputStream stdin() {
        return System.in;
    }

    @Provides
    @Singleton
    static Scheduler scheduler() {
        return new SystemScheduler();
    }
}
