package dev.peerscout.cli;

import dagger.Module;
import dagger.Provides;
import dev.peerscout.domain.time.Scheduler;
import dev.peerscout.domain.time.SystemScheduler;
import javax.inject.Singleton;

/** The real clock. Tests swap in a fake one through the same seam. */
@Module
final class SystemModule {
    private SystemModule() {}

    @Provides
    @Singleton
    static Scheduler scheduler() {
        return new SystemScheduler();
    }
}
