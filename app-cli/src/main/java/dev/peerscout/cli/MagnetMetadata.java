package dev.peerscout.cli;

import dagger.Lazy;
import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.discovery.TrackerReport;
import dev.peerscout.domain.metadata.FetchMetadata;
import dev.peerscout.domain.metadata.MetadataOptions;
import dev.peerscout.domain.metadata.MetadataResult;
import dev.peerscout.domain.metadata.MetadataRun;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataStatus;
import dev.peerscout.domain.port.MetainfoWriter;
import dev.peerscout.domain.port.TorrentReader;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import javax.inject.Inject;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The part of {@code info} that asks a magnet link's swarm for its info dictionary: the network
 * options (as {@code peers} has them), the run, the .torrent made of the verified copy, and
 * {@code --save}. Everything here is lazy: reading a .torrent file pays for none of it.
 */
final class MagnetMetadata {
    /** Finding peers and then asking them takes longer than finding them: peers' default is 15 s. */
    static final double DEFAULT_TIMEOUT_SECONDS = 30;

    private final Lazy<FetchMetadata> fetchMetadata;
    private final Lazy<RandomGenerator> random;
    private final Lazy<MetainfoWriter> writer;
    private final TorrentReader reader;
    private final NetworkOptions network = new NetworkOptions();
    private CommandSpec spec;
    private boolean offline;
    private String save;
    private boolean noDht;
    private boolean ipv4Only;
    private boolean ipv6Only;
    private String maxSize;
    private String timeout;
    private List<String> dhtBootstrap = List.of();
    private List<String> peers = List.of();

    /** What the swarm gave: the torrent made of the verified copy and who sent it, or nothing. */
    record Outcome(Option<Torrent> torrent, String from) {}

    @Inject
    MagnetMetadata(
            Lazy<FetchMetadata> fetchMetadata,
            Lazy<RandomGenerator> random,
            Lazy<MetainfoWriter> writer,
            TorrentReader reader) {
        this.fetchMetadata = fetchMetadata;
        this.random = random;
        this.writer = writer;
        this.reader = reader;
        network.timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    }

    void addOptions(CommandSpec spec) {
        this.spec = spec;
        spec.addOption(
                Specs.flag(new String[] {"--offline"}, "For a magnet link: show only what the link says; ask no one."));
        spec.addOption(Specs.typed(
                "--save",
                "FILE",
                String.class,
                null,
                "For a magnet link: write the .torrent made of the verified metadata to FILE."));
        spec.addOption(Specs.typed(
                "--timeout",
                "SECONDS",
                String.class,
                null,
                "For a magnet link: one deadline for finding peers and getting the metadata (default: 30)."));
        spec.addOption(Specs.repeatable(
                "--tracker", "URL", "Also ask this tracker (repeatable); each forms its own tier after the link's."));
        spec.addOption(
                Specs.flag(new String[] {"--no-dht"}, "Ask only the trackers and the link's peers, not the DHT."));
        spec.addOption(Specs.repeatable(
                "--dht-bootstrap",
                "HOST:PORT",
                "Start the DHT from this node (repeatable) instead of the public routers."));
        spec.addOption(Specs.repeatable("--peer", "IP:PORT", "Also ask this peer (repeatable), like the link's x.pe."));
        spec.addOption(Specs.flag(new String[] {"-4"}, "Use IPv4 only."));
        spec.addOption(Specs.flag(new String[] {"-6"}, "Use IPv6 only."));
        spec.addOption(Specs.typed(
                "--max-metadata-size",
                "BYTES",
                String.class,
                null,
                "Refuse a peer whose info dictionary is larger (default: " + MetadataOptions.DEFAULT_MAX_SIZE
                        + ", 32 MiB)."));
    }

    /** The options as parsed; the strings are checked where they are used, with messages of our own. */
    private void readOptions() {
        offline = Specs.value(spec, "--offline");
        save = Specs.value(spec, "--save");
        timeout = Specs.value(spec, "--timeout");
        network.trackers = new ArrayList<>(Specs.values(spec, "--tracker"));
        noDht = Specs.value(spec, "--no-dht");
        dhtBootstrap = Specs.values(spec, "--dht-bootstrap");
        peers = Specs.values(spec, "--peer");
        ipv4Only = Specs.value(spec, "-4");
        ipv6Only = Specs.value(spec, "-6");
        maxSize = Specs.value(spec, "--max-metadata-size");
    }

    private static double parseSeconds(String given) {
        try {
            return Double.parseDouble(given);
        } catch (NumberFormatException e) {
            throw new UserError("--timeout expects a number of seconds, got " + given);
        }
    }

    /** Whether this run asks the swarm: a magnet link, not --offline. Checks the options that only make sense then. */
    boolean wanted(String reference, Torrent torrent) {
        readOptions();
        boolean magnet = torrent.contents().isEmpty() && TorrentReferences.isLink(reference);
        if (save != null && !magnet) {
            throw new UserError("--save needs a magnet link: " + reference + " is a .torrent already");
        }
        if (save != null && offline) {
            throw new UserError("--save needs the swarm's metadata: drop --offline");
        }
        return magnet && !offline;
    }

    Outcome fetch(String reference, Torrent link, boolean showSecrets, PrintWriter err) throws InterruptedException {
        DiscoveryOptions options = options();
        MetadataOptions metadata = MetadataOptions.defaults(maxSize(), false, ProbeFlags.userPeers(peers));
        Path target = savePath();
        boolean dht = options.usePeerSources();
        if (link.tiers().isEmpty()
                && options.extraTrackers().isEmpty()
                && !dht
                && link.peerHints().isEmpty()
                && metadata.userPeers().isEmpty()) {
            throw new UserError(
                    "the magnet link names no tracker (tr=) nor peer (x.pe=) and the DHT is off: add --tracker URL or --peer IP:PORT");
        }
        MetadataRun run = fetchMetadata.get().fetch(link, options, metadata, new FetchMetadata.Listener() {
            @Override
            public void trackerFinished(TrackerReport report) {
                err.println(TrackerOutput.line(report, showSecrets));
                err.flush();
            }
        });
        MetadataResult result = await(run, options);
        if (result.verified().isEmpty()) {
            failure(result, options.timeout(), err);
            return new Outcome(Option.none(), null);
        }
        MetadataResult.Verified verified = result.verified().get();
        String from = verified.from().toString();
        byte[] file = writer.get()
                .fromMagnet(TorrentReferences.link(reference), verified.info())
                .getOrElseThrow(e -> new UserError(e.message()));
        Either<TorrentError, Torrent> parsed = reader.parse("the metadata from " + from, file);
        if (parsed.isLeft()) {
            // The hash matched, so this is the torrent's own info dictionary: one a .torrent reader refuses.
            throw new UserError("verified metadata from " + from + " is not a readable torrent: "
                    + parsed.getLeft().message());
        }
        if (target != null) {
            write(target, file);
            err.println("saved " + target + " (" + Formats.count(file.length) + " bytes)");
        }
        err.println("verified metadata (" + Formats.bytes(verified.info().length) + ") from " + from + "; "
                + result.peersFound() + (result.peersFound() == 1 ? " peer" : " peers") + " found");
        err.flush();
        return new Outcome(Option.of(parsed.get()), from);
    }

    private static void failure(MetadataResult result, Duration timeout, PrintWriter err) {
        err.println("no verified metadata within " + Formats.duration(timeout) + ": " + result.peersFound()
                + (result.peersFound() == 1 ? " peer" : " peers") + " found, " + result.offered()
                + " offered ut_metadata");
        for (Map.Entry<Peer, MetadataAttempt> entry : result.attempts().entrySet()) {
            MetadataAttempt attempt = entry.getValue();
            err.println("  " + entry.getKey() + ": " + label(attempt.status())
                    + (attempt.why().isEmpty() ? "" : ", " + Text.printable(attempt.why())));
        }
        err.flush();
    }

    static String label(MetadataStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static MetadataResult await(MetadataRun run, DiscoveryOptions options) throws InterruptedException {
        long patience = options.timeout().plusSeconds(5).toMillis();
        MetadataResult result;
        try {
            result = run.result().get(patience, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the metadata fetch failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the metadata fetch did not end by its deadline", e);
        }
        try {
            run.farewell().get(options.stopGrace().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the trackers' goodbyes are best effort
        }
        return result;
    }

    private DiscoveryOptions options() {
        if (timeout != null) {
            network.timeoutSeconds = parseSeconds(timeout);
        }
        Set<AddressFamily> families = NetworkOptions.families(ipv4Only, ipv6Only);
        if (noDht && !dhtBootstrap.isEmpty()) {
            throw new UserError("--dht-bootstrap has no use with --no-dht");
        }
        List<HostPort> nodes = NetworkOptions.bootstrapNodes(dhtBootstrap);
        return new DiscoveryOptions(
                network.timeout(),
                network.extraTrackers(),
                DiscoveryOptions.DEFAULT_NUM_WANT,
                DiscoveryOptions.DEFAULT_PORT,
                0,
                families,
                true,
                DiscoveryOptions.DEFAULT_STOP_GRACE,
                PeerId.random(PeerId.DEFAULT_PREFIX, random.get()),
                random.get().nextInt(),
                !noDht,
                nodes);
    }

    private long maxSize() {
        if (maxSize == null) {
            return MetadataOptions.DEFAULT_MAX_SIZE;
        }
        try {
            long value = Long.parseLong(maxSize.strip());
            if (value < 1 || value > Integer.MAX_VALUE - 8) {
                throw new UserError(
                        "--max-metadata-size must be 1 to " + (Integer.MAX_VALUE - 8) + " bytes, got " + maxSize);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UserError("--max-metadata-size expects a number of bytes, got " + maxSize);
        }
    }

    /** Checked before the run: a typo in the path should not cost a whole fetch. */
    private Path savePath() {
        if (save == null) {
            return null;
        }
        try {
            Path path = Path.of(save);
            Path parent = path.toAbsolutePath().getParent();
            if (Files.isDirectory(path)) {
                throw new UserError("--save " + save + ": is a directory");
            }
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UserError("--save " + save + ": no such directory " + parent);
            }
            return path;
        } catch (InvalidPathException e) {
            throw new UserError("--save " + save + ": not a valid path (" + e.getReason() + ")");
        }
    }

    private static void write(Path target, byte[] file) {
        try {
            Files.write(target, file);
        } catch (IOException e) {
            throw new UserError("--save " + target + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
