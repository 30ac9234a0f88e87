package dev.peerscout.adapters.torrentfile;

import dev.peerscout.bencode.BencodeKind;
import dev.peerscout.bencode.BencodeNode;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Typed reads of metainfo fields, failing with a message that names the field. The name is a
 * supplier because a torrent may have a million file entries and it is only needed on failure.
 */
final class Fields {
    private Fields() {}

    static MalformedTorrentException malformed(String detail) {
        return new MalformedTorrentException(detail);
    }

    /** {@code node} if it is a dictionary, else a failure naming what it is instead. */
    static BencodeNode dictionary(BencodeNode node, Supplier<String> what) {
        return expect(node, BencodeKind.DICTIONARY, what);
    }

    static BencodeNode list(BencodeNode node, Supplier<String> what) {
        return expect(node, BencodeKind.LIST, what);
    }

    static BencodeNode string(BencodeNode node, Supplier<String> what) {
        return expect(node, BencodeKind.STRING, what);
    }

    /** An integer field's value; one beyond 64 bits is malformed here (BEP 3 sets no bound, we must). */
    static long longValue(BencodeNode node, Supplier<String> what) {
        expect(node, BencodeKind.INTEGER, what);
        if (!node.fitsInLong()) {
            String digits = node.integerText();
            throw malformed(what.get() + " " + (digits.length() > 40 ? digits.substring(0, 40) + "..." : digits)
                    + " does not fit in 64 bits");
        }
        return node.longValue();
    }

    /** The value of an optional key if it has the given kind; a wrong kind counts as absent. */
    static Optional<BencodeNode> optional(BencodeNode dictionary, String key, BencodeKind kind) {
        return dictionary.get(key).filter(value -> value.kind() == kind);
    }

    static long ceilDiv(long dividend, long divisor) {
        return dividend / divisor + (dividend % divisor == 0 ? 0 : 1);
    }

    /** Whether a name has something to show: not empty and not only control characters. */
    static boolean hasVisibleCharacter(String text) {
        return text.codePoints().anyMatch(c -> !Character.isISOControl(c));
    }

    private static BencodeNode expect(BencodeNode node, BencodeKind kind, Supplier<String> what) {
        if (node.kind() != kind) {
            throw malformed(what.get() + " is " + node.kind().withArticle() + ", not " + kind.withArticle());
        }
        return node;
    }
}
