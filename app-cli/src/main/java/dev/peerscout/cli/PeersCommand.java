package dev.peerscout.cli;

import dagger.Lazy;
import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.discovery.DiscoveryReport;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.probe.ProbeOptions;
import dev.peerscout.domain.probe.ProbeSwarm;
import dev.peerscout.domain.probe.SwarmReport;
import dev.peerscout.domain.probe.SwarmRun;
import dev.peerscout.domain.time.Scheduler;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import javax.inject.Inject;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code peerscout peers}: reads the torrent, runs discovery (and probing) and hands each event to
 * its output ({@link PeersListener}: peers to stdout, tracker lines and the {@link ProgressLine} to
 * stderr; {@link PeersJson} at the end). Its options are declared by {@link PeersRequest}.
 */
final class PeersCommand implements CliCommand {
    private final CommandSpec spec;
    private final TorrentReferences torrents;
    /** Lazy: the tracker clients open sockets and threads, which 'info' and '--help' never need. */
    private final Lazy<ProbeSwarm> discoverPeers;

    private final Lazy<Scheduler> scheduler;
    /** Lazy: seeding a SecureRandom costs start-up time that 'info' and '--help' need not pay. */
    private final Lazy<RandomGenerator> random;

    private final Terminal terminal;

    @Inject
    PeersCommand(
            TorrentReferences torrents,
            Lazy<ProbeSwarm> discoverPeers,
            Lazy<Scheduler> scheduler,
            Lazy<RandomGenerator> random,
            Terminal terminal) {
        this.torrents = torrents;
        this.discoverPeers = discoverPeers;
        this.scheduler = scheduler;
        this.random = random;
        this.terminal = terminal;
        spec = Specs.command(
                "peers",
                this,
                new String[] {
                    "Finds the peers of a torrent's swarm by asking all of its trackers at once.",
                    "Peers go to stdout as ip:port lines the moment they arrive; tracker outcomes and a summary go to stderr."
                },
                Specs.subcommandExitCodes(
                        "peers found",
                        "no peers found",
                        "130:interrupted by Ctrl-C, after the goodbyes (143 SIGTERM, 129 SIGHUP)"));
        PeersRequest.declare(spec);
        Specs.standardHelp(spec);
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws InterruptedException {
        PeersRequest request = PeersRequest.of(spec);
        DiscoveryOptions options = request.discovery(random.get());
        Torrent torrent = torrents.read(request.reference());
        boolean dht = options.usePeerSources() && !torrent.isPrivate();
        boolean hints =
                !torrent.peerHints().isEmpty() || !request.probing().userPeers().isEmpty();
        if (torrent.tiers().isEmpty() && options.extraTrackers().isEmpty() && !dht && !hints) {
            throw new UserError(
                    TorrentReferences.isMagnet(request.reference())
                            ? "the magnet link names no tracker (tr=) and the DHT is off: add one with --tracker URL"
                            : request.reference()
                                    + ": the torrent names no tracker and the DHT is off: add one with --tracker URL");
        }
        boolean scripts = request.json() || request.ndjson();
        PrintWriter out = scripts
                ? OutputWriter.forScripts(spec.commandLine().getOut())
                : spec.commandLine().getOut();
        Scheduler clock = scheduler.get();
        ProgressLine progress = ProgressLine.peers(
                clock, ProgressLine.distinctTrackers(torrent.trackers(), options.extraTrackers()), dht);
        Signals.Interrupts interrupts = Signals.Interrupts.install();
        StatusLine status =
                StatusLine.on(terminal, spec.commandLine().getErr(), request.quiet(), clock, progress::text);
        interrupts.beforeHalt(status::close);
        try {
            return discover(request, torrent, options, out, progress, status, interrupts);
        } finally {
            status.close();
            interrupts.close();
        }
    }

    private int discover(
            PeersRequest request,
            Torrent torrent,
            DiscoveryOptions options,
            PrintWriter out,
            ProgressLine progress,
            StatusLine status,
            Signals.Interrupts interrupts)
            throws InterruptedException {
        ProbeOptions probing = request.probing();
        PeerStream stream = request.json()
                ? PeerStream.none()
                : request.ndjson()
                        ? PeerStream.ndjson(out, request.showSecrets())
                        : probing.probe() ? PeerStream.verifiedLines(out) : PeerStream.lines(out);
        status.start();
        PeersListener listener = new PeersListener(stream, progress, status, request.showSecrets());
        SwarmRun discovery = discoverPeers.get().start(torrent, options, probing, listener);
        SwarmReport swarm = await(discovery, options, listener.readerGone(), interrupts.first(), status, progress);
        DiscoveryReport report = swarm.discovery();
        boolean interrupted = interrupts.happened();
        if (request.json()) {
            new PeersJson(out, request.showSecrets()).write(swarm, probing.probe(), interrupted);
        } else if (request.ndjson()) {
            stream.done(report, interrupted);
        }
        out.flush();
        status.summary(ProgressLine.peersSummary(report, interrupted));
        if (probing.probe()) {
            status.summary(ProbeOutput.summary(swarm));
        }
        OutputWriter.check(out);
        if (interrupted) {
            return interrupts.exitCode();
        }
        if (probing.probe()) {
            return swarm.verified() == 0 ? ExitCodes.NOTHING_FOUND : ExitCodes.OK;
        }
        return report.peers().isEmpty() ? ExitCodes.NOTHING_FOUND : ExitCodes.OK;
    }

    /**
     * The report, sooner when nobody reads the peers any more ({@code peers | head -1}) or the user
     * interrupted: then discovery ends the way its deadline would, goodbyes included. The domain
     * guarantees an outcome by the deadline; the extra wait only guards against bugs.
     */
    private static SwarmReport await(
            SwarmRun discovery,
            DiscoveryOptions options,
            CompletableFuture<Void> readerGone,
            CompletableFuture<Integer> interrupted,
            StatusLine status,
            ProgressLine progress)
            throws InterruptedException {
        long patience = options.timeout().plusSeconds(5).toMillis();
        try {
            CompletableFuture.anyOf(discovery.report(), readerGone, interrupted).get(patience, TimeUnit.MILLISECONDS);
            if (interrupted.isDone() && !discovery.report().isDone()) {
                status.line("interrupted: saying goodbye to the trackers (press Ctrl-C again to quit at once)");
                discovery.stop("interrupted");
            } else if (readerGone.isDone()) {
                discovery.stop("stopped: the output was closed");
            }
            SwarmReport report = discovery.report().get(patience, TimeUnit.MILLISECONDS);
            progress.sayingGoodbye();
            status.changed();
            discovery.farewell().get(options.stopGrace().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            return report;
        } catch (ExecutionException e) {
            throw new IllegalStateException("discovery failed", e.getCause());
        } catch (TimeoutException e) {
            if (discovery.report().isDone() && !discovery.report().isCompletedExceptionally()) {
                return discovery.report().join();
            }
            throw new IllegalStateException("discovery did not end by its deadline", e);
        }
    }
}
