package dev.peerscout.cli;

import dev.peerscout.domain.discovery.DiscoveryOptions;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.probe.ProbeOptions;
import java.util.List;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code peers} was asked to do, as given on the command line, checked when it is made: a
 * request that exists is one the command can run. The checks keep the order the user meets them
 * in (the first mistake is the one named).
 */
record PeersRequest(
        String reference,
        boolean json,
        boolean ndjson,
        boolean quiet,
        int numWant,
        int port,
        int minPeers,
        boolean stop,
        String peerIdPrefix,
        boolean ipv4Only,
        boolean ipv6Only,
        boolean dht,
        List<String> dhtBootstrap,
        NetworkOptions network,
        ProbeFlags probe) {

    PeersRequest {
        dhtBootstrap = List.copyOf(dhtBootstrap);
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
        NetworkOptions.families(ipv4Only, ipv6Only);
        if (!dht && !dhtBootstrap.isEmpty()) {
            throw new UserError("--dht-bootstrap has no use with --no-dht");
        }
        network.timeout();
        network.extraTrackers();
        NetworkOptions.bootstrapNodes(dhtBootstrap);
        probe.options();
    }

    /** Declares the options of {@code peers} on its spec, in the order its help and man page list them. */
    static void declare(CommandSpec spec) {
        spec.addPositional(Specs.parameter(
                "<torrent-file|magnet>", "A .torrent file, a magnet link, or a bare info hash (40 or 64 hex digits)."));
        NetworkOptions.declare(spec);
        spec.addOption(Specs.typed(
                "--numwant",
                "N",
                int.class,
                "200",
                "Peers to ask each tracker for; -1 for the tracker's default (default: ${DEFAULT-VALUE})."));
        spec.addOption(Specs.typed(
                "--port",
                "PORT",
                int.class,
                "6881",
                "The port we announce (nothing listens on it; default: ${DEFAULT-VALUE})."));
        spec.addOption(Specs.typed(
                "--min-peers",
                "N",
                int.class,
                "0",
                "Stop as soon as N distinct peers are known (default: wait for every tracker)."));
        spec.addOption(Specs.flag(
                new String[] {"--no-stop"},
                "Do not tell trackers we left (by default they get a 'stopped' announce)."));
        spec.addOption(Specs.typed(
                "--peer-id-prefix",
                "PREFIX",
                String.class,
                PeerId.DEFAULT_PREFIX,
                "BEP 20 peer id prefix; the rest is random (default: ${DEFAULT-VALUE})."));
        spec.addOption(Specs.flag(new String[] {"-4"}, "Use IPv4 only."));
        spec.addOption(Specs.flag(new String[] {"-6"}, "Use IPv6 only."));
        spec.addOption(Specs.flag(
                new String[] {"--no-dht"}, "Ask only the trackers, not the DHT (private torrents never use the DHT)."));
        spec.addOption(Specs.repeatable(
                "--dht-bootstrap",
                "HOST:PORT",
                "Start the DHT from this node (repeatable) instead of the torrent's nodes and the public routers."));
        spec.addOption(Specs.flag(new String[] {"--json"}, "One JSON document on stdout at the end."));
        spec.addOption(Specs.flag(
                new String[] {"--ndjson"}, "One JSON object per line on stdout for each event, as it happens."));
        spec.addOption(Specs.flag(
                new String[] {"-q", "--quiet"},
                "No status line or tracker lines on stderr; errors and the summary line stay."));
        ProbeFlags.declare(spec);
    }

    /** The request a parsed spec of {@code peers} holds. */
    static PeersRequest of(CommandSpec spec) {
        String reference = spec.positionalParameters().get(0).getValue();
        return new PeersRequest(
                reference,
                Specs.value(spec, "--json"),
                Specs.value(spec, "--ndjson"),
                Specs.value(spec, "--quiet"),
                Specs.value(spec, "--numwant"),
                Specs.value(spec, "--port"),
                Specs.value(spec, "--min-peers"),
                !Specs.<Boolean>value(spec, "--no-stop"),
                Specs.value(spec, "--peer-id-prefix"),
                Specs.value(spec, "-4"),
                Specs.value(spec, "-6"),
                !Specs.<Boolean>value(spec, "--no-dht"),
                Specs.values(spec, "--dht-bootstrap"),
                NetworkOptions.of(spec),
                ProbeFlags.of(spec));
    }

    ProbeOptions probing() {
        return probe.options();
    }

    boolean showSecrets() {
        return network.showSecrets;
    }

    /** What discovery needs; the peer id and key are drawn from {@code random}. */
    DiscoveryOptions discovery(RandomGenerator random) {
        return new DiscoveryOptions(
                network.timeout(),
                network.extraTrackers(),
                numWant,
                port,
                minPeers,
                NetworkOptions.families(ipv4Only, ipv6Only),
                stop,
                DiscoveryOptions.DEFAULT_STOP_GRACE,
                PeerId.random(peerIdPrefix, random),
                random.nextInt(),
                dht,
                NetworkOptions.bootstrapNodes(dhtBootstrap));
    }
}
