package dev.peerscout.adapters.torrentfile;

import dev.peerscout.bencode.BencodeException;
import dev.peerscout.domain.model.LosslessText;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import dev.peerscout.domain.port.TorrentReader;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads a torrent reference: a magnet link (anything starting with {@code magnet:}, scheme matched
 * without regard to case as RFC 3986 says; libtorrent only takes lower case) goes to
 * {@link MagnetLinkParser}, anything else is a path to a .torrent file. Never throws for bad
 * input: every problem comes back as a {@link TorrentError}.
 *
 * <p>Policies, compared with libtorrent 2.0.8:
 * <ul>
 *   <li>Size: a file over {@link TorrentFileLimits#maxFileBytes()} (64 MiB by default) is refused
 *       from its size alone, before any byte is read ({@code TooLarge}). One under it that needs
 *       more heap than the JVM has (several million files in 64 MiB) is {@code Unreadable}.</li>
 *   <li>Info hashes are taken over the raw bytes of the {@code info} value as they stand in the
 *       file: SHA-1 for v1, SHA-256 when {@code meta version} is 2, both for a hybrid.</li>
 *   <li>Lenient bencoding, like libtorrent: unsorted or duplicate keys (the last wins), leading
 *       zeros and {@code i-0e} are accepted in v1 data, with a warning when the info dictionary
 *       is affected; a v2 info dictionary must be canonical. Nesting is limited to 100 levels.</li>
 *   <li>Trailing bytes after the top-level dictionary are ignored with a warning (libtorrent
 *       ignores them too; real files end in a stray newline).</li>
 *   <li>Integers beyond 64 bits are grammatical; a required field holding one is malformed
 *       (libtorrent reads them as 0).</li>
 *   <li>Trackers: {@code announce-list} tiers in file order, each {@link dev.peerscout.domain.model.Tier}
 *       keeping its position in the file as its index (as libtorrent numbers them); URLs are
 *       trimmed; empty URLs, empty tiers and repeated URLs are dropped; {@code announce} is used
 *       only when the list yields nothing. Scheme-less and {@code wss://} URLs are kept, so
 *       discovery can report them as unsupported.</li>
 *   <li>Names and paths are decoded as UTF-8 with malformed bytes masked (U+FFFD), never
 *       sanitised: peerscout writes no files. {@code name.utf-8} / {@code path.utf-8} win.</li>
 *   <li>{@code totalLength} includes pad files, as libtorrent's total size does: explicit v1 pads,
 *       and for a v2-only torrent the alignment pads libtorrent inserts after each file
 *       ({@link dev.peerscout.domain.model.Contents#dataLength()} is the real files alone).</li>
 *   <li>No limits on piece count or file size (libtorrent: 0x200000 pieces, 2^48-1 bytes per
 *       file): nothing is allocated per piece, so they would protect nothing.</li>
 * </ul>
 */
public final class TorrentFileReader implements TorrentReader {
    private static final String MAGNET_SCHEME = "magnet:";

    private final TorrentFileLimits limits;
    private final MetainfoParser metainfo;
    private final MagnetLinkParser magnets = new MagnetLinkParser();

    public TorrentFileReader() {
        this(TorrentFileLimits.DEFAULT);
    }

    public TorrentFileReader(TorrentFileLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metainfo = new MetainfoParser(limits);
    }

    @Override
    public Either<TorrentError, Torrent> read(String reference) {
        if (reference == null || reference.isBlank()) {
            return Either.left(new TorrentError.Unreadable("", "no torrent file or magnet link given"));
        }
        if (reference.regionMatches(true, 0, MAGNET_SCHEME, 0, MAGNET_SCHEME.length())) {
            return magnets.parse(reference);
        }
        Path path;
        try {
            path = LosslessText.path(reference);
        } catch (InvalidPathException e) {
            return Either.left(new TorrentError.Unreadable(reference, "not a valid path: " + e.getReason()));
        } catch (IllegalArgumentException e) {
            return Either.left(new TorrentError.Unreadable(reference, "not a valid path: " + e.getMessage()));
        }
        return withinHeap(reference, () -> readFile(reference, path));
    }

    @Override
    public Either<TorrentError, Torrent> read(String source, InputStream content) {
        return withinHeap(source, () -> {
            byte[] bytes;
            try {
                bytes = readAtMost(content, 0, (int) limits.maxFileBytes() + 1);
            } catch (IOException e) {
                return Either.left(new TorrentError.Unreadable(source, describe(e)));
            }
            if (bytes.length > limits.maxFileBytes()) {
                return Either.left(new TorrentError.TooLarge(source, bytes.length, limits.maxFileBytes()));
            }
            return parseWithinLimits(source, bytes);
        });
    }

    /**
     * Parses .torrent content already in memory. {@code source} names it in errors. The content is
     * copied: the file list of the torrent is decoded from it on demand.
     */
    @Override
    public Either<TorrentError, Torrent> parse(String source, byte[] content) {
        if (content.length > limits.maxFileBytes()) {
            return Either.left(new TorrentError.TooLarge(source, content.length, limits.maxFileBytes()));
        }
        return withinHeap(source, () -> parseWithinLimits(source, content.clone()));
    }

    /** {@code content} is this call's own: the torrent keeps it, so nothing else may change it. */
    private Either<TorrentError, Torrent> parseWithinLimits(String source, byte[] content) {
        try {
            return Either.right(metainfo.parse(content));
        } catch (MalformedTorrentException | BencodeException e) {
            // Messages quote paths and keys from the file: one line, whatever they hold.
            return Either.left(new TorrentError.Malformed(source, Printable.line(e.getMessage())));
        }
    }

    private Either<TorrentError, Torrent> readFile(String source, Path path) {
        byte[] content;
        try {
            if (Files.isDirectory(path)) {
                return Either.left(new TorrentError.Unreadable(source, "is a directory, not a .torrent file"));
            }
            long size = Files.size(path);
            if (size > limits.maxFileBytes()) {
                return Either.left(new TorrentError.TooLarge(source, size, limits.maxFileBytes()));
            }
            try (InputStream in = Files.newInputStream(path)) {
                content = readAtMost(in, size, (int) limits.maxFileBytes() + 1);
            }
        } catch (NoSuchFileException e) {
            return Either.left(new TorrentError.Unreadable(source, "no such file"));
        } catch (AccessDeniedException e) {
            return Either.left(new TorrentError.Unreadable(source, "permission denied"));
        } catch (IOException e) {
            return Either.left(new TorrentError.Unreadable(source, describe(e)));
        }
        if (content.length > limits.maxFileBytes()) {
            return Either.left(new TorrentError.TooLarge(source, content.length, limits.maxFileBytes()));
        }
        return parseWithinLimits(source, content);
    }

    /**
     * A torrent under the size cap may still need more heap than the JVM has: reading one costs its
     * bytes, 8 bytes per list and dictionary while it is parsed and 4 bytes per file after (the
     * file list is decoded from the bytes on demand), so a million files (35 MB, two million
     * containers) parse in 64 MiB, but a file near the size cap with several million may not. That
     * is a property of the input, so it comes back as a value like any other. Catching
     * {@link OutOfMemoryError} is safe here: reading and parsing run on the caller's thread and
     * allocate only objects local to this call, so once the error has unwound they are garbage
     * and nothing is left half-updated.
     */
    private static Either<TorrentError, Torrent> withinHeap(
            String source, Supplier<Either<TorrentError, Torrent>> read) {
        try {
            return read.get();
        } catch (OutOfMemoryError e) {
            long heapMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            return Either.left(new TorrentError.Unreadable(
                    source, "not enough memory to read it: it needs more than the Java heap of " + heapMiB + " MiB"));
        }
    }

    /**
     * Reads up to {@code limit} bytes (one past the cap, so a file that grew or a pipe whose size
     * is 0 is still caught). A regular file is read straight into an array of its size: a 40 MB
     * torrent costs 40 MB, where {@code readNBytes(limit)} buffers it and then copies it, twice
     * that, which ran out of a 64 MiB heap.
     */
    private static byte[] readAtMost(InputStream in, long size, int limit) throws IOException {
        int expected = (int) Math.min(size, limit);
        byte[] content = new byte[expected];
        int read = in.readNBytes(content, 0, expected);
        if (read < expected) {
            return Arrays.copyOf(content, read); // it shrank since we asked its size
        }
        int next = in.read();
        if (next < 0) {
            return content;
        }
        // It grew, or is a pipe: the rest, still bounded.
        byte[] rest = in.readNBytes(limit - expected - 1);
        byte[] all = Arrays.copyOf(content, expected + 1 + rest.length);
        all[expected] = (byte) next;
        System.arraycopy(rest, 0, all, expected + 1, rest.length);
        return all;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
        return message == null || message.isBlank() ? "cannot be read (" + kind + ")" : "cannot be read: " + message;
    }
}
