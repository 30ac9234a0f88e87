package dev.peerscout.cli;

import dagger.Component;
import javax.inject.Singleton;

/** Wires the adapters to the ports: the only place that knows every module. */
@Singleton
@Component(modules = {CoreModule.class, SystemModule.class, AdaptersModule.class})
interface PeerscoutComponent {

    CommandLines commandLines();

    /** Closed by {@link Main} before the exit. */
    Resources resources();
}
