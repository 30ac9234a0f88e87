package dev.peerscout.cli;

import dagger.Lazy;
import dev.peerscout.domain.discovery.DiscoveredPeer;
import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.discovery.DiscoveryReport;
import dev.peerscout.domain.discovery.PeerOrigin;
import dev.peerscout.domain.discovery.TrackerReport;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.probe.ProbeListener;
import dev.peerscout.domain.probe.ProbeOptions;
import dev.peerscout.domain.model.probe.ProbeResult;
import dev.peerscout.domain.probe.ProbeSwarm;
import dev.peerscout.domain.probe.SwarmReport;
import dev.peerscout.domain.probe.SwarmRun;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.time.Scheduler;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import javax.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "peers",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Finds the peers of a torrent's swarm by asking all of its trackers at once.",
            "Peers go to stdout as ip:port lines the moment they arrive; tracker outcomes and a summary go to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:peers found", "1:no peers found", "2:bad input or usage (one line on stderr)", "3:internal error",
            "4:standard output could not be written", "130:interrupted by Ctrl-C, after the goodbyes (143 SIGTERM, 129 SIGHUP)"})
final class PeersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<torrent-file|magnet>", description = "A .torrent file or a magnet link.")
    String reference;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--numwant", paramLabel = "N", defaultValue = "200",
            description = "Peers to ask each tracker for; -1 for the tracker's default (default: ${DEFAULT-VALUE}).")
    int numWant;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "6881",
            description = "The port we announce (nothing listens on it; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--min-peers", paramLabel = "N", defaultValue = "0",
            description = "Stop as soon as N distinct peers are known (default: wait for every tracker).")
    int minPeers;

    @Option(names = "--no-stop", description = "Do not tell trackers we left (by default they get a 'stopped' announce).")
    boolean noStop;

    @Option(names = "--peer-id-prefix", paramLabel = "PREFIX", defaultValue = PeerId.DEFAULT_PREFIX,
            description = "BEP 20 peer id prefix; the rest is random (default: ${DEFAULT-VALUE}).")
    String peerIdPrefix;

    @Option(names = "-4", description = "Use IPv4 only.")
    boolean ipv4Only;

    @Option(names = "-6", description = "Use IPv6 only.")
    boolean ipv6Only;

    @Option(names = "--no-dht", description = "Ask only the trackers, not the DHT (private torrents never use the DHT).")
    boolean noDht;

    @Option(names = "--dht-bootstrap", paramLabel = "HOST:PORT",
            description = "Start the DHT from this node (repeatable) instead of the torrent's nodes and the public routers.")
    List<String> dhtBootstrap = new ArrayList<>();

    @Option(names = "--json", description = "One JSON document on stdout at the end.")
    boolean json;

    @Option(names = "--ndjson", description = "One JSON object per line on stdout for each event, as it happens.")
    boolean ndjson;

    @Option(names = {"-q", "--quiet"}, description = "No status line or tracker lines on stderr; errors and the summary line stay.")
    boolean quiet;

    @Mixin
    ProbeFlags probeFlags = new ProbeFlags();

    private final TorrentReferences torrents;
    /** Lazy: the tracker clients open sockets and threads, which 'info' and '--help' never need. */
    private final Lazy<ProbeSwarm> discoverPeers;
    private final Lazy<Scheduler> scheduler;
    /** Lazy: seeding a SecureRandom costs start-up time that 'info' and '--help' need not pay. */
    private final Lazy<RandomGenerator> random;
    private final Terminal terminal;

    @Inject
    PeersCommand(TorrentReferences torrents, Lazy<ProbeSwarm> discoverPeers, Lazy<Scheduler> scheduler, Lazy<RandomGenerator> random,
            Terminal terminal) {
        this.torrents = torrents;
        this.discoverPeers = discoverPeers;
        this.scheduler = scheduler;
        this.random = random;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        DiscoveryOptions options = options();
        ProbeOptions probing = probeFlags.options();
        Torrent torrent = torrents.read(reference);
        boolean dht = options.usePeerSources() && !torrent.isPrivate();
        boolean hints = !torrent.peerHints().isEmpty() || !probing.userPeers().isEmpty();
        if (torrent.tiers().isEmpty() && options.extraTrackers().isEmpty() && !dht && !hints) {
            throw new UserError(reference.strip().regionMatches(true, 0, "magnet:", 0, 7)
                    ? "the magnet link names no tracker (tr=) and the DHT is off: add one with --tracker URL"
                    : reference + ": the torrent names no tracker and the DHT is off: add one with --tracker URL");
        }
        PrintWriter out = json || ndjson ? OutputWriter.forScripts(spec.commandLine().getOut()) : spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scheduler clock = scheduler.get();
        Progress progress = new Progress(distinctTrackers(torrent, options), dht, clock);
        boolean live = !quiet && terminal.stderrIsInteractive();
        PeerStream stream = json ? PeerStream.none() : ndjson ? PeerStream.ndjson(out, network.showSecrets)
                : probing.probe() ? PeerStream.verifiedLines(out) : PeerStream.lines(out);
        Signals.Interrupts interrupts = Signals.Interrupts.install();
        StatusLine status = new StatusLine(err, live, quiet, live ? terminal.columns() : () -> 80, clock, progress::status);
        interrupts.beforeHalt(status::close);
        try {
            return discover(torrent, options, probing, out, stream, progress, status, interrupts);
        } finally {
            status.close();
            interrupts.close();
        }
    }

    private int discover(Torrent torrent, DiscoveryOptions options, ProbeOptions probing, PrintWriter out, PeerStream stream,
            Progress progress, StatusLine status, Signals.Interrupts interrupts) throws InterruptedException {
        status.start();
        // Listeners run under discovery's lock, so they only note that the reader left; the stop comes from here.
        CompletableFuture<Void> readerGone = new CompletableFuture<>();
        SwarmRun discovery = discoverPeers.get().start(torrent, options, probing, new ProbeListener() {
            @Override
            public void peerFound(Peer peer, PeerOrigin origin) {
                status.hide();
                stream.peer(peer, origin);
                progress.peers++;
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
                progress.trackersDone++;
                status.line(TrackerOutput.line(report, network.showSecrets));
                noteIfClosed();
            }

            @Override
            public void sourceFinished(PeerSource.Summary summary) {
                stream.source(summary);
                progress.sourcesDone++;
                status.line(SourceOutput.line(summary));
                noteIfClosed();
            }

            private void noteIfClosed() {
                if (stream.closed()) {
                    readerGone.complete(null);
                }
            }
        });
        SwarmReport swarm = await(discovery, options, readerGone, interrupts.first(), status, progress);
        DiscoveryReport report = swarm.discovery();
        boolean interrupted = interrupts.happened();
        if (json) {
            writeJson(swarm, probing.probe(), interrupted, out);
        } else if (ndjson) {
            stream.done(report, interrupted);
        }
        out.flush();
        status.summary(summary(report, interrupted));
        if (probing.probe()) {
            status.summary(ProbeOutput.summary(swarm));
        }
        OutputWriter.check(out, true);
        if (interrupted) {
            return interrupts.exitCode();
        }
        if (probing.probe()) {
            return swarm.verified() == 0 ? ExitCodes.NOTHING_FOUND : ExitCodes.OK;
        }
        return report.peers().isEmpty() ? ExitCodes.NOTHING_FOUND : ExitCodes.OK;
    }

    private static String summary(DiscoveryReport report, boolean interrupted) {
        long answered = report.trackers().stream().filter(TrackerReport::ok).count();
        return (report.peers().isEmpty() ? "no peers found" : "found " + report.peers().size()
                + (report.peers().size() == 1 ? " peer" : " peers")) + "; " + answered + " of "
                + Formats.counted(report.trackers().size(), "tracker") + " answered in " + Formats.duration(report.elapsed())
                + (interrupted ? " (interrupted)" : report.enoughPeers() ? " (stopped early: enough peers)" : "");
    }

    private static int distinctTrackers(Torrent torrent, DiscoveryOptions options) {
        java.util.Set<String> urls = new java.util.HashSet<>();
        torrent.trackers().forEach(url -> urls.add(url.normalized().value()));
        options.extraTrackers().forEach(url -> urls.add(url.normalized().value()));
        return urls.size();
    }

    private DiscoveryOptions options() {
        if (json && ndjson) {
            throw new UserError("--json and --ndjson cannot be used together");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new UserError("--port must be 1 to 65535, got " + port);
        }
        if (numWant < -1) {
            throw new UserError("--numwant must be -1 or more, got " + numWant);
        }
        if (minPeers < 0) {
            throw new UserError("--min-peers must not be negative");
        }
        if (peerIdPrefix.length() > 20 || !peerIdPrefix.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UserError("--peer-id-prefix must be at most 20 printable ASCII characters");
        }
        if (ipv4Only && ipv6Only) {
            throw new UserError("-4 and -6 cannot be used together");
        }
        if (noDht && !dhtBootstrap.isEmpty()) {
            throw new UserError("--dht-bootstrap has no use with --no-dht");
        }
        Set<AddressFamily> families = ipv4Only ? EnumSet.of(AddressFamily.IPV4)
                : ipv6Only ? EnumSet.of(AddressFamily.IPV6) : EnumSet.allOf(AddressFamily.class);
        return new DiscoveryOptions(network.timeout(), network.extraTrackers(), numWant, port, minPeers,
                families, !noStop, DiscoveryOptions.DEFAULT_STOP_GRACE, PeerId.random(peerIdPrefix, random.get()),
                random.get().nextInt(), !noDht, bootstrapNodes());
    }

    private List<HostPort> bootstrapNodes() {
        List<HostPort> nodes = new ArrayList<>();
        for (String node : dhtBootstrap) {
            nodes.add(HostPorts.parse(node).getOrElseThrow(problem -> new UserError("--dht-bootstrap " + node + ": " + problem)));
        }
        return nodes;
    }

    /**
     * The report, sooner when nobody reads the peers any more ({@code peers | head -1}) or the user
     * interrupted: then discovery ends the way its deadline would, goodbyes included. The domain
     * guarantees an outcome by the deadline; the extra wait only guards against bugs.
     */
    private static SwarmReport await(SwarmRun discovery, DiscoveryOptions options, CompletableFuture<Void> readerGone,
            CompletableFuture<Integer> interrupted, StatusLine status, Progress progress) throws InterruptedException {
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
            progress.goodbye = true;
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

    private void writeJson(SwarmReport swarm, boolean probed, boolean interrupted, PrintWriter out) {
        DiscoveryReport report = swarm.discovery();
        Json.write(out, true, json -> {
            json.writeStartObject();
            json.writeStringField("infoHash", report.hashes().v1().map(InfoHash::hex).getOrNull());
            json.writeStringField("infoHashV2", report.hashes().v2().map(InfoHashV2::hex).getOrNull());
            json.writeArrayFieldStart("peers");
            for (DiscoveredPeer found : report.peers()) {
                json.writeStartObject();
                json.writeStringField("ip", found.peer().ip());
                json.writeNumberField("port", found.peer().port());
                json.writeArrayFieldStart("sources");
                for (PeerOrigin origin : found.sources()) {
                    json.writeString(origin.display(network.showSecrets));
                }
                json.writeEndArray();
                ProbeResult probe = swarm.probes().get(found.peer());
                if (probed && probe != null) {
                    json.writeObjectFieldStart("probe");
                    ProbeOutput.fields(json, probe);
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("trackers");
            for (TrackerReport tracker : report.trackers()) {
                json.writeStartObject();
                TrackerOutput.fields(json, tracker, network.showSecrets);
                json.writeEndObject();
            }
            json.writeEndArray();
            for (PeerSource.Summary source : report.sources()) {
                json.writeObjectFieldStart(source.name());
                SourceOutput.fields(json, source);
                json.writeEndObject();
            }
            json.writeBooleanField("enoughPeers", report.enoughPeers());
            json.writeBooleanField("interrupted", interrupted);
            json.writeNumberField("elapsedMs", report.elapsed().toMillis());
            json.writeEndObject();
        });
        out.println();
    }

    /** What the status line tells while discovery runs; written by the listener, read by the status's redraws. */
    private static final class Progress {
        private final int trackers;
        private final boolean dht;
        private final Scheduler clock;
        private final Instant begin;
        volatile int peers;
        volatile int trackersDone;
        volatile int sourcesDone;
        volatile boolean goodbye;

        Progress(int trackers, boolean dht, Scheduler clock) {
            this.trackers = trackers;
            this.dht = dht;
            this.clock = clock;
            this.begin = clock.now();
        }

        String status() {
            // The ticking time first: on a narrow terminal it is what shows that the command is alive.
            StringBuilder text = new StringBuilder(StatusLine.elapsed(Duration.between(begin, clock.now()))).append(": ")
                    .append(peers).append(peers == 1 ? " peer, " : " peers, ");
            if (goodbye) {
                text.append("saying goodbye to the trackers");
            } else {
                text.append("waiting for ").append(trackers - trackersDone).append(" of ").append(trackers)
                        .append(trackers == 1 ? " tracker" : " trackers");
                if (dht && sourcesDone == 0) {
                    text.append(" and the DHT");
                }
            }
            return text.toString();
        }
    }
}
