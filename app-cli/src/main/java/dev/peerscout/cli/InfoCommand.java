package dev.peerscout.cli;

import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
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
    private String reference;
    private boolean json;
    private boolean showSecrets;
    private boolean allFiles;

    @Inject
    InfoCommand(TorrentReferences torrents, MagnetMetadata magnetMetadata) {
        this.torrents = torrents;
        this.magnetMetadata = magnetMetadata;
        spec = Specs.command("info", this, "Shows what a .torrent file or magnet link says: hashes, trackers, files. For a magnet link "
                + "the swarm's peers are asked for the info dictionary (BEP 9) unless --offline.",
                Specs.exitCodes("0:the torrent was read (for a magnet link: verified metadata was obtained)",
                        "1:no peer gave verified metadata before the deadline (stderr says why)",
                        "2:bad input or usage (one line on stderr)", "3:internal error", "4:standard output could not be written"));
        spec.addPositional(Specs.parameter("<torrent-file|magnet>", "A .torrent file, '-' for one on standard input, or a magnet link.",
                given -> reference = given));
        spec.addOption(Specs.flag("--json", "One JSON document on stdout, for scripts.", given -> json = given));
        spec.addOption(Specs.flag("--show-secrets", "Show tracker passkeys instead of masking them.",
                given -> showSecrets = given));
        spec.addOption(Specs.flag("--all-files", "List every file, not only the first " + FILES_SHOWN + ".",
                given -> allFiles = given));
        magnetMetadata.addOptions(spec);
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws InterruptedException {
        Torrent torrent = torrents.read(reference);
        PrintWriter out = json ? OutputWriter.forScripts(spec.commandLine().getOut()) : spec.commandLine().getOut();
        String from = null;
        if (magnetMetadata.wanted(reference, torrent)) {
            MagnetMetadata.Outcome outcome = magnetMetadata.fetch(reference, torrent, showSecrets, spec.commandLine().getErr());
            if (outcome.torrent().isEmpty()) {
                return ExitCodes.NOTHING_FOUND;
            }
            torrent = outcome.torrent().get();
            from = outcome.from();
        }
        if (json) {
            writeJson(torrent, out, from);
        } else {
            writeText(torrent, out);
            if (from != null) {
                out.println("Metadata:     from " + from);
            }
        }
        OutputWriter.check(out, false);
        return ExitCodes.OK;
    }

    private void writeText(Torrent torrent, PrintWriter out) {
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
            out.println("Size:         " + Formats.bytes(size) + " (" + Formats.count(size)
                    + " bytes) in " + Formats.count(files) + (files == 1 ? " file" : " files"));
            out.println("Pieces:       " + Formats.count(contents.pieceCount()) + " x " + Formats.bytes(contents.pieceLength()));
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
            out.println("DHT nodes:    " + Text.printable(torrent.dhtNodes().stream().map(HostPort::toString).toList().toString()));
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
        if (!showSecrets && torrent.tiers().stream().anyMatch(tier -> tier.trackers().stream().anyMatch(TrackerUrl::hasSecrets))) {
            out.println("              (passkeys masked as ***: this link cannot announce; --show-secrets shows them)");
        }
        torrent.warnings().forEach(warning -> out.println("Warning:      " + Text.printable(warning)));
    }

    private void writeJson(Torrent torrent, PrintWriter out, String metadataFrom) {
        Json.write(out, true, json -> {
            json.writeStartObject();
            json.writeStringField("name", torrent.name().getOrNull());
            json.writeStringField("infoHash", torrent.hashes().v1().map(InfoHash::hex).getOrNull());
            json.writeStringField("infoHashV2", torrent.hashes().v2().map(InfoHashV2::hex).getOrNull());
            json.writeStringField("version", torrent.hashes().version().name().toLowerCase(Locale.ROOT));
            json.writeBooleanField("private", torrent.isPrivate());
            json.writeArrayFieldStart("trackers");
            for (Tier tier : torrent.tiers()) {
                json.writeStartArray();
                for (TrackerUrl url : tier.trackers()) {
                    json.writeString(url.display(showSecrets));
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            Contents contents = torrent.contents().getOrNull();
            if (contents == null) {
                json.writeNullField("totalLength");
                json.writeNullField("paddedLength");
                json.writeNullField("pieceLength");
                json.writeNullField("pieceCount");
            } else {
                // The real files; paddedLength adds the pad files (what libtorrent calls total_size).
                json.writeNumberField("totalLength", contents.dataLength());
                json.writeNumberField("paddedLength", contents.totalLength());
                json.writeNumberField("pieceLength", contents.pieceLength());
                json.writeNumberField("pieceCount", contents.pieceCount());
            }
            json.writeArrayFieldStart("files");
            if (contents != null) {
                for (FileEntry file : contents.files()) {
                    json.writeStartObject();
                    json.writeStringField("path", file.joinedPath());
                    json.writeNumberField("length", file.length());
                    if (file.padding()) {
                        json.writeBooleanField("padding", true);
                    }
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("peers");
            for (HostPort peer : torrent.peerHints()) {
                json.writeString(peer.toString());
            }
            json.writeEndArray();
            json.writeStringField("magnet", MagnetLinks.of(torrent, showSecrets));
            json.writeArrayFieldStart("warnings");
            for (String warning : torrent.warnings()) {
                json.writeString(warning);
            }
            json.writeEndArray();
            if (metadataFrom != null) {
                json.writeStringField("metadataFrom", metadataFrom);
            }
            json.writeEndObject();
        });
        out.println();
    }
}
