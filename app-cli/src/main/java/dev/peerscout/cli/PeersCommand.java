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
        exitCodeList = {"0:peers found", "1:no peers found", "2:bad input or usage (one line on stderr)", "3:internal error"})
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

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr; only the final summary line.")
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, quiet, terminal.stderrIsInteractive() && !quiet, network.showSecrets,
                distinctTrackers(torrent, options), scheduler.get());
        PeerStream stream = json ? PeerStream.none() : ndjson ? PeerStream.ndjson(out, network.showSecrets)
                : probing.probe() ? PeerStream.verifiedLines(out) : PeerStream.lines(out);
        // Listeners run under discovery's lock, so they only note that the reader left; the stop comes from here.
        CompletableFuture<Void> readerGone = new CompletableFuture<>();
        SwarmRun discovery = discoverPeers.get().start(torrent, options, probing, new ProbeListener() {
            @Override
            public void peerFound(Peer peer, PeerOrigin origin) {
                progress.clearStatus();
                stream.peer(peer, origin);
                progress.peerFound();
                noteIfClosed();
            }

            @Override
            public void probed(Peer peer, ProbeResult result) {
                progress.clearStatus();
                stream.probed(peer, result);
                progress.probed(peer, result);
                noteIfClosed();
            }

            @Override
            public void trackerFinished(TrackerReport report) {
                stream.tracker(report);
                progress.trackerFinished(report);
                noteIfClosed();
            }

            @Override
            public void sourceFinished(PeerSource.Summary summary) {
                stream.source(summary);
                progress.sourceFinished(summary);
                noteIfClosed();
            }

            private void noteIfClosed() {
                if (stream.closed()) {
                    readerGone.complete(null);
                }
            }
        });
        SwarmReport swarm = await(discovery, options, readerGone);
        DiscoveryReport report = swarm.discovery();
        if (json) {
            writeJson(swarm, out, probing.probe());
        } else if (ndjson) {
            stream.done(report);
        }
        out.flush();
        progress.summary(report);
        if (probing.probe()) {
            err.println(ProbeOutput.summary(swarm));
            err.flush();
            return swarm.verified() == 0 ? ExitCodes.NOTHING_FOUND : ExitCodes.OK;
        }
        return report.peers().isEmpty() ? ExitCodes.NOTHING_FOUND : ExitCodes.OK;
    }

    private static int distinctTrackers(Torrent torrent, DiscoveryOptions options) {
        java.util.Set<String> urls = new java.util.HashSet<>();
        torrent.trackers().forEach(url -> urls.add(url.value()));
        options.extraTrackers().forEach(url -> urls.add(url.value()));
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
     * The report, sooner when nobody reads the peers any more ({@code peers | head -1}). The domain
     * guarantees an outcome by the deadline; the extra wait only guards against bugs.
     */
    private static SwarmReport await(SwarmRun discovery, DiscoveryOptions options, CompletableFuture<Void> readerGone)
            throws InterruptedException {
        long patience = options.timeout().plusSeconds(5).toMillis();
        try {
            CompletableFuture.anyOf(discovery.report(), readerGone).get(patience, TimeUnit.MILLISECONDS);
            if (readerGone.isDone()) {
                discovery.stop("stopped: the output was closed");
            }
            SwarmReport report = discovery.report().get(patience, TimeUnit.MILLISECONDS);
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

    private void writeJson(SwarmReport swarm, PrintWriter out, boolean probed) {
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
            json.writeNumberField("elapsedMs", report.elapsed().toMillis());
            json.writeEndObject();
        });
        out.println();
    }

    /** Progress on stderr: plain lines, or a live status line under them when a person watches. */
    private static final class Progress {
        private final PrintWriter err;
        private final boolean quiet;
        private final boolean live;
        private final boolean showSecrets;
        private final int trackers;
        private final Scheduler scheduler;
        private final java.time.Instant begin;
        private int peers;
        private int finished;

        Progress(PrintWriter err, boolean quiet, boolean live, boolean showSecrets, int trackers, Scheduler scheduler) {
            this.err = err;
            this.quiet = quiet;
            this.live = live;
            this.showSecrets = showSecrets;
            this.trackers = trackers;
            this.scheduler = scheduler;
            this.begin = scheduler.now();
        }

        void peerFound() {
            peers++;
            redraw();
        }

        /** The status line is redrawn under each peer; clear it so a peer line starts clean. */
        void clearStatus() {
            if (live) {
                err.print("\r\033[K");
                err.flush();
            }
        }

        void probed(Peer peer, ProbeResult result) {
            if (!quiet) {
                err.print(live ? "\r\033[K" : "");
                err.println(ProbeOutput.line(peer, result));
            }
            redraw();
        }

        void sourceFinished(PeerSource.Summary summary) {
            if (!quiet) {
                err.print(live ? "\r\033[K" : "");
                err.println(SourceOutput.line(summary));
            }
            redraw();
        }

        void trackerFinished(TrackerReport report) {
            finished++;
            if (!quiet) {
                err.print(live ? "\r\033[K" : "");
                err.println(TrackerOutput.line(report, showSecrets));
            }
            redraw();
        }

        private void redraw() {
            if (live) {
                err.print("\r\033[K" + peers + (peers == 1 ? " peer, " : " peers, ") + finished + "/" + trackers + " trackers done, "
                        + Formats.duration(Duration.between(begin, scheduler.now())));
            }
            err.flush();
        }

        void summary(DiscoveryReport report) {
            long answered = report.trackers().stream().filter(TrackerReport::ok).count();
            err.print(live ? "\r\033[K" : "");
            err.println((report.peers().isEmpty() ? "no peers found" : "found " + report.peers().size()
                    + (report.peers().size() == 1 ? " peer" : " peers")) + "; " + answered + " of "
                    + report.trackers().size() + " trackers answered in " + Formats.duration(report.elapsed())
                    + (report.enoughPeers() ? " (stopped early: enough peers)" : ""));
            err.flush();
        }
    }
}
