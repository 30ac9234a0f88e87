package dev.peerscout.cli;

import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.discovery.TrackerReport;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.probe.ProbeListener;
import java.util.concurrent.CompletableFuture;

/**
 * Where each event of a {@code peers} run goes: peers to stdout through the {@link PeerStream},
 * lines and the status to stderr through the {@link StatusLine}, counts to the {@link ProgressLine}.
 * Listeners run under discovery's lock, so this only notes that the reader of stdout left
 * ({@link #readerGone()}); the command stops discovery from its own thread.
 */
final class PeersListener implements ProbeListener {
    private final PeerStream stream;
    private final ProgressLine progress;
    private final StatusLine status;
    private final boolean showSecrets;
    private final CompletableFuture<Void> readerGone = new CompletableFuture<>();

    PeersListener(PeerStream stream, ProgressLine progress, StatusLine status, boolean showSecrets) {
        this.stream = stream;
        this.progress = progress;
        this.status = status;
        this.showSecrets = showSecrets;
    }

    /** Completes when stdout was closed by its reader ({@code peers | head -1}). */
    CompletableFuture<Void> readerGone() {
        return readerGone;
    }

    @Override
    public void peerFound(Peer peer, PeerOrigin origin) {
        status.hide();
        stream.peer(peer, origin);
        progress.peerFound();
        status.changed();
        noteIfClosed();
    }

    @Override
    public void probed(Peer peer, ProbeResult result) {
        status.hide();
        stream.probed(peer, result);
        status.line(ProbeOutput.line(peer, result));
        noteIfClosed();
    }

    @Override
    public void trackerFinished(TrackerReport report) {
        stream.tracker(report);
        progress.trackerDone();
        status.line(TrackerOutput.line(report, showSecrets));
        noteIfClosed();
    }

    @Override
    public void sourceFinished(PeerSource.Summary summary) {
        stream.source(summary);
        progress.sourceDone();
        status.line(SourceOutput.line(summary));
        noteIfClosed();
    }

    private void noteIfClosed() {
        if (stream.closed()) {
            readerGone.complete(null);
        }
    }
}
