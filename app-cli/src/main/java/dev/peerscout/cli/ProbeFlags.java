package dev.peerscout.cli;

import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.probe.Addresses;
import dev.peerscout.domain.probe.ProbeOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The options of {@code peers} that talk to the peers themselves, as given; {@link #options()} checks them. */
record ProbeFlags(boolean probe, int maxProbes, List<String> peers, boolean probePrivate) {

    static void declare(CommandSpec spec) {
        spec.addOption(Specs.flag(
                new String[] {"--probe"},
                "Connect to every peer found (BEP 3 handshake, BEP 10, BEP 6) and list only the verified ones "
                        + "on stdout;",
                "peers they tell of (PEX) are probed too. One line per probe and a summary go to stderr."));
        spec.addOption(Specs.typed(
                "--max-probes",
                "N",
                int.class,
                "" + ProbeOptions.DEFAULT_MAX_PROBES,
                "Probe at most N peers in all, PEX's included (default: ${DEFAULT-VALUE})."));
        spec.addOption(Specs.repeatable(
                "--peer", "IP:PORT", "Add this peer to the run (repeatable), like a magnet link's x.pe."));
        spec.addOption(Specs.flag(
                new String[] {"--probe-private"},
                "Also probe loopback, private and link-local addresses named by public trackers, DHT nodes or peers",
                "(by default only when the source that named them is itself local, or you named them)."));
    }

    /** What a command that {@link #declare declared} these options was given. */
    static ProbeFlags of(CommandSpec spec) {
        return new ProbeFlags(
                Specs.value(spec, "--probe"),
                Specs.value(spec, "--max-probes"),
                Specs.values(spec, "--peer"),
                Specs.value(spec, "--probe-private"));
    }

    ProbeOptions options() {
        if (maxProbes < 0) {
            throw new UserError("--max-probes must not be negative");
        }
        if (!probe && probePrivate) {
            throw new UserError("--probe-private has no use without --probe");
        }
        List<Peer> userPeers = userPeers(peers);
        return probe ? ProbeOptions.defaults(true, maxProbes, probePrivate, userPeers) : ProbeOptions.none(userPeers);
    }

    /** The --peer addresses, checked: IP addresses only (a peer is an address, not a name to resolve). */
    static List<Peer> userPeers(List<String> given) {
        List<Peer> userPeers = new ArrayList<>();
        for (String text : given) {
            var parsed =
                    HostPorts.parse(text).getOrElseThrow(problem -> new UserError("--peer " + text + ": " + problem));
            var address = Addresses.literal(parsed.host())
                    .getOrElseThrow(
                            () -> new UserError("--peer " + text + ": expected an IP address, not a host name"));
            userPeers.add(new Peer(address, parsed.port()));
        }
        return userPeers;
    }
}
