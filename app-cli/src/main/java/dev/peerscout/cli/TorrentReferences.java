package dev.peerscout.cli;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.MagnetLinks;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.port.TorrentReader;
import io.vavr.control.Option;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Named;

/**
 * Reads what the user named, turning a failure into a one-line {@link UserError}. A bare info hash
 * (40 hex digits, or 64 for v2) stands for the magnet link that names only that hash.
 */
final class TorrentReferences {
    /** As {@code scrape --from -}: the torrent's bytes come on standard input. */
    static final String STDIN = "-";

    private static final Pattern V1_HEX = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern V2_HEX = Pattern.compile("[0-9A-Fa-f]{64}");

    private final TorrentReader reader;
    private final InputStream stdin;

    @Inject
    TorrentReferences(TorrentReader reader, @Named("stdin") InputStream stdin) {
        this.reader = reader;
        this.stdin = stdin;
    }

    Torrent read(String reference) {
        Option<InfoHashes> bare = bareHash(reference);
        if (bare.isDefined()) {
            return bareTorrent(bare.get());
        }
        return (STDIN.equals(reference) ? reader.read("standard input", stdin) : reader.read(reference))
                .getOrElseThrow(error -> new UserError(error.message()));
    }

    /** Whether the user named a magnet link, or a bare hash, which stands for one. */
    static boolean isLink(String reference) {
        return isMagnet(reference) || bareHash(reference).isDefined();
    }

    static boolean isMagnet(String reference) {
        return reference.strip().regionMatches(true, 0, "magnet:", 0, 7);
    }

    /** How to name a reference in output: a magnet link is rebuilt so that its passkeys stay masked. */
    static String display(String reference, Torrent torrent, boolean showSecrets) {
        return isMagnet(reference) ? MagnetLinks.of(torrent, showSecrets) : reference;
    }

    /** The magnet link the user named: a bare hash as the link that names only it. */
    static String link(String reference) {
        Option<InfoHashes> bare = bareHash(reference);
        return bare.isEmpty() ? reference.strip() : MagnetLinks.of(bareTorrent(bare.get()));
    }

    /** All that a bare hash says: no name, no tracker, no file. */
    private static Torrent bareTorrent(InfoHashes hashes) {
        return new Torrent(Option.none(), hashes, List.of(), Option.none(), false, List.of(), List.of(), List.of());
    }

    private static Option<InfoHashes> bareHash(String reference) {
        String trimmed = reference.strip();
        if (V1_HEX.matcher(trimmed).matches()) {
            return Option.some(InfoHashes.v1(InfoHash.fromHex(trimmed)));
        }
        if (V2_HEX.matcher(trimmed).matches()) {
            return Option.some(InfoHashes.v2(InfoHashV2.fromHex(trimmed)));
        }
        return Option.none();
    }
}
