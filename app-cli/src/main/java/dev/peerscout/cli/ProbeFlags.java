package dev.peerscout.cli;

import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.probe.Addresses;
import dev.peerscout.domain.probe.ProbeOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code peers} that talk to the peers themselves. */
final class ProbeFlags {

    @Option(names = "--probe", description = {
        "Connect to every peer found (BEP 3 handshake, BEP 10, BEP 6) and list only the verified ones on stdout;",
        "peers they tell of (PEX) are probed too. One line per probe and a summary go to stderr."})
    boolean probe;

    @Option(names = "--max-probes", paramLabel = "N", defaultValue = "" + ProbeOptions.DEFAULT_MAX_PROBES,
            description = "Probe at most N peers in all, PEX's included (default: ${DEFAULT-VALUE}).")
    int maxProbes;

    @Option(names = "--peer", paramLabel = "IP:PORT",
            description = "Add this peer to the run (repeatable), like a magnet link's x.pe.")
    List<String> peers = new ArrayList<>();

    @Option(names = "--probe-private", description = {
        "Also probe loopback, private and link-local addresses named by public trackers, DHT nodes or peers",
        "(by default only when the source that named them is itself local, or you named them)."})
    boolean probePrivate;

    ProbeOptions options() {
        if (maxProbes < 0) {
            throw new UserError("--max-probes must not be negative");
        }
        if (!probe && probePrivate) {
            throw new UserError("--probe-private has no use without --probe");
        }
        List<Peer> userPeers = new ArrayList<>();
        for (String text : peers) {
            var parsed = HostPorts.parse(text).getOrElseThrow(problem -> new UserError("--peer " + text + ": " + problem));
            var address = Addresses.literal(parsed.host())
                    .getOrElseThrow(() -> new UserError("--peer " + text + ": expected an IP address, not a host name"));
            userPeers.add(new Peer(address, parsed.port()));
        }
        return probe ? ProbeOptions.defaults(true, maxProbes, probePrivate, userPeers) : ProbeOptions.none(userPeers);
    }
}
