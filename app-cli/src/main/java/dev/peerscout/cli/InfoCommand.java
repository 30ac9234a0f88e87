package dev.peerscout.cli;

import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.MagnetLinks;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerUrl;
import java.io.PrintWriter;
import java.util.Locale;
import javax.inject.Inject;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code peerscout info}: what a torrent says. A .torrent file is read without asking anyone; for a
 * magnet link the swarm is asked for the info dictionary (BEP 9) unless {@code --offline}, and the
 * verified copy is shown as a .torrent would be (and saved with {@code --save}). Its spec is built
 * in code (see {@link Specs}).
 */
final class InfoCommand implements CliCommand {
    /** Human output lists this many files; --json lists all. */
    private static final int FILES_SHOWN = 20;

    private final TorrentReferences torrents;
    private final MagnetMetadata magnetMetadata;
    private final CommandSpec spec;

    @Inject
    InfoCommand(TorrentReferences torrents, MagnetMetadata magnetMetadata) {
        this.torrents = torrents;
        this.magnetMetadata = magnetMetadata;
        spec = Specs.command(
                "info",
                this,
                "Shows what a .torrent file or magnet link says: hashes, trackers, files. For a magnet link "
                        + "the swarm's peers are asked for the info dictionary (BEP 9) unless --offline.",
                Specs.subcommandExitCodes(
                        "the torrent was read (for a magnet link: verified metadata was obtained)",
                        "no peer gave verified metadata before the deadline (stderr says why)"));
        InfoRequest.declare(spec, FILES_SHOWN);
        magnetMetadata.addOptions(spec);
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws InterruptedException {
        InfoRequest request = InfoRequest.of(spec);
        String reference = request.reference();
        Torrent torrent = torrents.read(reference);
        PrintWriter out = request.json()
                ? OutputWriter.forScripts(spec.commandLine().getOut())
                : spec.commandLine().getOut();
        String from = null;
        if (magnetMetadata.wanted(reference, torrent)) {
            MagnetMetadata.Outcome outcome = magnetMetadata.fetch(
                    reference,
                    torrent,
                    request.showSecrets(),
                    spec.commandLine().getErr());
            if (outcome.torrent().isEmpty()) {
                return ExitCodes.NOTHING_FOUND;
            }
            torrent = outcome.torrent().get();
            from = outcome.from();
        }
        if (request.json()) {
            new InfoJson(out, request.showSecrets()).write(torrent, from);
        } else {
            writeText(torrent, out, request.showSecrets(), request.allFiles());
            if (from != null) {
                out.println("Metadata:     from " + from);
            }
        }
        OutputWriter.check(out);
        return ExitCodes.OK;
    }

    private static void writeText(Torrent torrent, PrintWriter out, boolean showSecrets, boolean allFiles) {
        out.println("Name:         " + Text.printable(torrent.name().getOrElse("(none)")));
        out.println("Version:      " + torrent.hashes().version().name().toLowerCase(Locale.ROOT)
                + (torrent.isPrivate() ? ", private" : ""));
        torrent.hashes().v1().forEach(h -> out.println("Info hash:    " + h.hex()));
        torrent.hashes().v2().forEach(h -> out.println("Info hash v2: " + h.hex()));
        // Counted once: a large torrent's file list is decoded entry by entry on each pass.
        long files = 0;
        long size = 0;
        for (Contents contents : torrent.contents()) {
            for (FileEntry file : contents.files()) {
                if (!file.padding()) {
                    files++;
                    size += file.length();
                }
            }
        }
        for (Contents contents : torrent.contents()) {
            // The real files' size: padding to piece boundaries is no data (libtorrent's total_size counts it).
            out.println("Size:         " + Formats.bytes(size) + " (" + Formats.count(size) + " bytes) in "
                    + Formats.count(files) + (files == 1 ? " file" : " files"));
            out.println("Pieces:       " + Formats.count(contents.pieceCount()) + " x "
                    + Formats.bytes(contents.pieceLength()));
        }
        if (torrent.tiers().isEmpty()) {
            out.println("Trackers:     (none)");
        } else {
            out.println("Trackers:");
            for (Tier tier : torrent.tiers()) {
                for (TrackerUrl url : tier.trackers()) {
                    out.println("  tier " + tier.index() + "  " + Text.printable(url.display(showSecrets)));
                }
            }
        }
        torrent.peerHints().forEach(peer -> out.println("Peer:         " + Text.printable(peer.toString())));
        if (!torrent.dhtNodes().isEmpty()) {
            out.println("DHT nodes:    "
                    + Text.printable(torrent.dhtNodes().stream()
                            .map(HostPort::toString)
                            .toList()
                            .toString()));
        }
        for (Contents contents : torrent.contents()) {
            out.println("Files:");
            int shown = 0;
            for (FileEntry file : contents.files()) {
                if (file.padding()) {
                    continue;
                }
                if (!allFiles && shown == FILES_SHOWN) {
                    long rest = files - shown;
                    out.println("  ... and " + Formats.count(rest) + " more (--all-files lists them)");
                    break;
                }
                out.println("  " + Text.printable(file.joinedPath()) + "  (" + Formats.bytes(file.length()) + ")");
                shown++;
            }
        }
        out.println("Magnet:       " + Text.printable(MagnetLinks.of(torrent, showSecrets)));
        if (!showSecrets
                && torrent.tiers().stream()
                        .anyMatch(tier -> tier.trackers().stream().anyMatch(TrackerUrl::hasSecrets))) {
            out.println("              (passkeys masked as ***: this link cannot announce; --show-secrets shows them)");
        }
        torrent.warnings().forEach(warning -> out.println("Warning:      " + Text.printable(warning)));
    }
}
