package dev.peerscout.adapters.torrentfile;

import static dev.peerscout.adapters.torrentfile.Fields.malformed;

import dev.peerscout.bencode.BencodeDecoder;
import dev.peerscout.bencode.BencodeDocument;
import dev.peerscout.bencode.BencodeKind;
import dev.peerscout.bencode.BencodeNode;
import dev.peerscout.bencode.CanonicalBencode;
import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileList;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the bytes of a .torrent file into a {@link Torrent} (BEP 3, 12, 27, 47, 52). See
 * {@link TorrentFileReader} for the policies. Failures throw {@link MalformedTorrentException}
 * or {@code BencodeException}; the reader turns both into values.
 */
final class MetainfoParser {
    private static final long MIN_V2_PIECE_LENGTH = 16 * 1024;
    private static final int V1_HASH_BYTES = 20;

    private final BencodeDecoder decoder;
    private final int decodedOnDemandFrom;

    MetainfoParser(TorrentFileLimits limits) {
        this(limits, V1Files.DECODED_ON_DEMAND_FROM);
    }

    /** @param decodedOnDemandFrom file lists this long or longer are decoded on demand (tests lower it) */
    MetainfoParser(TorrentFileLimits limits, int decodedOnDemandFrom) {
        this.decoder = new BencodeDecoder(limits.maxDepth(), limits.maxContainers());
        this.decodedOnDemandFrom = decodedOnDemandFrom;
    }

    Torrent parse(byte[] content) {
        BencodeDocument document = decoder.decode(content);
        BencodeNode root = document.root();
        if (!root.isDictionary()) {
            throw malformed(
                    "not a torrent file: the top-level value is " + root.kind().withArticle() + ", not a dictionary");
        }
        List<String> warnings = new ArrayList<>();
        if (document.trailingBytes() > 0) {
            warnings.add(document.trailingBytes() + " byte(s) after the end of the torrent's dictionary were ignored");
        }
        BencodeNode info = root.get("info").orElseThrow(() -> malformed("missing 'info' dictionary"));
        Fields.dictionary(info, () -> "'info'");

        boolean v2 = isV2(info);
        boolean v1 = !v2 || info.get("pieces").isPresent();
        InfoHashing hashing = InfoHashing.start(info, v1, v2);
        Optional<String> nonCanonical = CanonicalBencode.firstViolation(info);
        if (v2 && nonCanonical.isPresent()) {
            // BEP 52 requires it and libtorrent enforces it: a v2 hash must not depend on leniency.
            throw malformed(
                    "invalid bencoding in the v2 info dictionary (it must be canonical): " + nonCanonical.get());
        }
        nonCanonical.ifPresent(problem -> warnings.add("the info dictionary is not canonical bencoding (" + problem
                + "); its info hash covers the bytes as they stand"));

        long pieceLength = pieceLength(info, v2);
        String name = name(info);
        Option<String> displayName = Option.when(Fields.hasVisibleCharacter(name), name);
        if (displayName.isEmpty()) {
            warnings.add("'name' in info is empty or only control characters");
        }

        Contents contents = contents(root, info, name, v1, v2, pieceLength, warnings);
        List<HostPort> dhtNodes = dhtNodes(root, warnings);
        return new Torrent(
                displayName,
                hashing.await(),
                tiers(root),
                Option.some(contents),
                isPrivate(info),
                List.of(),
                dhtNodes,
                Printable.lines(warnings));
    }

    /**
     * Files and sizes: a v1 or hybrid torrent as its v1 file list says (explicit pads included, the
     * v1 piece count), a v2-only torrent as libtorrent lays it out (see {@link V2FileTree#alignedFiles}).
     */
    private Contents contents(
            BencodeNode root,
            BencodeNode info,
            String name,
            boolean v1,
            boolean v2,
            long pieceLength,
            List<String> warnings) {
        Option<V1Files.Layout> v1Layout = Option.when(v1, () -> V1Files.read(info, name, decodedOnDemandFrom));
        List<V2File> v2Files = List.of();
        if (v2) {
            BencodeNode tree = info.get("file tree").orElseThrow(() -> malformed("missing 'file tree' in v2 info"));
            v2Files = V2FileTree.read(tree);
            if (v1) {
                HybridConsistency.check(v1Layout.get().files(), v2Files, pieceLength);
            }
        }
        Contents contents;
        if (v1) {
            long total = v1Layout.get().totalLength().checked();
            contents = new Contents(v1Layout.get().files(), total, pieceLength, v1PieceCount(info, total, pieceLength));
        } else {
            FileList aligned = FileList.of(V2FileTree.alignedFiles(v2Files, pieceLength));
            long total = TotalLength.of(aligned).checked();
            contents = new Contents(aligned, total, pieceLength, total / pieceLength);
        }
        if (v2) {
            warnings.addAll(PieceLayers.check(root, v2Files, pieceLength));
        }
        return contents;
    }

    /** BEP 52: {@code meta version} 2 means v2 (or hybrid); later versions are refused, not guessed at. */
    private static boolean isV2(BencodeNode info) {
        Optional<BencodeNode> version = Fields.optional(info, "meta version", BencodeKind.INTEGER);
        if (version.isEmpty()) {
            return false;
        }
        String text = version.get().integerText();
        if (!version.get().fitsInLong() || version.get().longValue() > 2) {
            throw malformed("unsupported 'meta version' " + text + " (peerscout reads versions 1 and 2)");
        }
        return version.get().longValue() == 2;
    }

    private static long pieceLength(BencodeNode info, boolean v2) {
        BencodeNode node = info.get("piece length").orElseThrow(() -> malformed("missing 'piece length' in info"));
        long pieceLength = Fields.longValue(node, () -> "'piece length' in info");
        if (pieceLength <= 0) {
            throw malformed("'piece length' in info must be positive, got " + pieceLength);
        }
        if (v2 && (pieceLength < MIN_V2_PIECE_LENGTH || Long.bitCount(pieceLength) != 1)) {
            throw malformed("v2 'piece length' must be a power of two of at least 16384, got " + pieceLength);
        }
        return pieceLength;
    }

    /** {@code name.utf-8} (an old uTorrent convention libtorrent prefers) if it is a string, else {@code name}. */
    private static String name(BencodeNode info) {
        BencodeNode node = Fields.optional(info, "name.utf-8", BencodeKind.STRING)
                .or(() -> info.get("name"))
                .orElseThrow(() -> malformed("missing 'name' in info"));
        return Fields.string(node, () -> "'name' in info").text();
    }

    private static long v1PieceCount(BencodeNode info, long totalLength, long pieceLength) {
        BencodeNode pieces = info.get("pieces").orElseThrow(() -> malformed("missing 'pieces' in info"));
        int bytes = Fields.string(pieces, () -> "'pieces' in info").stringLength();
        if (bytes % V1_HASH_BYTES != 0) {
            throw malformed("pieces length " + bytes + " is not a multiple of 20");
        }
        long expected = Fields.ceilDiv(totalLength, pieceLength);
        if (bytes / V1_HASH_BYTES != expected) {
            throw malformed("incorrect number of piece hashes: 'pieces' holds " + bytes / V1_HASH_BYTES + ", but "
                    + totalLength + " bytes in pieces of " + pieceLength + " need " + expected);
        }
        return expected;
    }

    /** BEP 12 tiers from {@code announce-list}, or {@code announce} when the list yields no URL. */
    private static List<Tier> tiers(BencodeNode torrent) {
        AnnounceTiers tiers = new AnnounceTiers();
        Optional<BencodeNode> announceList = Fields.optional(torrent, "announce-list", BencodeKind.LIST);
        if (announceList.isPresent()) {
            List<BencodeNode> listed = announceList.get().elements();
            for (int index = 0; index < listed.size(); index++) {
                if (listed.get(index).isList()) {
                    for (BencodeNode url : listed.get(index).elements()) {
                        if (url.isString()) {
                            tiers.add(index, url.text());
                        }
                    }
                }
            }
        }
        if (tiers.isEmpty()) {
            Fields.optional(torrent, "announce", BencodeKind.STRING).ifPresent(url -> tiers.add(0, url.text()));
        }
        return tiers.build();
    }

    /** BEP 27: any non-zero integer is private, as in libtorrent; anything else is public. */
    private static boolean isPrivate(BencodeNode info) {
        return Fields.optional(info, "private", BencodeKind.INTEGER)
                .map(value -> !value.isZero())
                .orElse(false);
    }

    /** BEP 5 {@code nodes}: [host, port] pairs; malformed entries are skipped with one warning. */
    private static List<HostPort> dhtNodes(BencodeNode torrent, List<String> warnings) {
        Optional<BencodeNode> nodes = Fields.optional(torrent, "nodes", BencodeKind.LIST);
        if (nodes.isEmpty()) {
            return List.of();
        }
        List<HostPort> read = new ArrayList<>();
        int skipped = 0;
        for (BencodeNode node : nodes.get().elements()) {
            Option<HostPort> hostPort = hostPort(node);
            hostPort.forEach(read::add);
            skipped += hostPort.isEmpty() ? 1 : 0;
        }
        if (skipped > 0) {
            warnings.add("ignored " + skipped + " malformed 'nodes' entr" + (skipped == 1 ? "y" : "ies")
                    + " (expected [host, port])");
        }
        return read;
    }

    private static Option<HostPort> hostPort(BencodeNode node) {
        if (!node.isList()) {
            return Option.none();
        }
        List<BencodeNode> pair = node.elements();
        if (pair.size() != 2
                || !pair.get(0).isString()
                || !pair.get(1).isInteger()
                || !pair.get(1).fitsInLong()) {
            return Option.none();
        }
        String host = pair.get(0).text().strip();
        long port = pair.get(1).longValue();
        return host.isEmpty() || port < 1 || port > 0xFFFF
                ? Option.none()
                : Option.some(new HostPort(host, (int) port));
    }
}
