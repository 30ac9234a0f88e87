package dev.peerscout.adapters.torrentfile;

import dev.peerscout.bencode.BencodeNode;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import io.vavr.control.Option;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The info hashes, taken from the info value's bytes exactly as they stand in the file (never a
 * re-encoding). A big info dictionary is hashed on a thread of its own, started as soon as its
 * span is known, so that the hashing (most of a short-lived JVM's work on a big torrent: its C1
 * code has no SHA intrinsic) runs on a second core beside the validation of the file list.
 */
final class InfoHashing {
    /** Below this the thread costs more than it saves. */
    static final int BACKGROUND_FROM = 1 << 20;

    private final CompletableFuture<InfoHashes> hashes;

    private InfoHashing(CompletableFuture<InfoHashes> hashes) {
        this.hashes = hashes;
    }

    static InfoHashing start(BencodeNode info, boolean v1, boolean v2) {
        CompletableFuture<InfoHashes> hashes = new CompletableFuture<>();
        if (info.end() - info.offset() < BACKGROUND_FROM) {
            hashes.complete(hash(info, v1, v2));
        } else {
            Thread thread = new Thread(new Background(hashes, info, v1, v2), "peerscout-info-hash");
            // A torrent refused before its hashes are needed leaves the thread to finish alone.
            thread.setDaemon(true);
            thread.start();
        }
        return new InfoHashing(hashes);
    }

    InfoHashes await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return hashes.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the hashing is bounded by the file: finish it, keep the flag
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException("info hashing failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The hashing thread's work. A named class, not a lambda: only big torrents take this path, so
     * no start-up cache holds a lambda's class for it, and spinning one costs the command ~5 ms.
     */
    private record Background(CompletableFuture<InfoHashes> hashes, BencodeNode info, boolean v1, boolean v2)
            implements Runnable {
        @Override
        public void run() {
            try {
                hashes.complete(hash(info, v1, v2));
            } catch (RuntimeException | Error e) {
                hashes.completeExceptionally(e);
            }
        }
    }

    private static InfoHashes hash(BencodeNode info, boolean v1, boolean v2) {
        Option<InfoHash> sha1 = v1 ? Option.some(InfoHash.of(digest("SHA-1", info))) : Option.none();
        Option<InfoHashV2> sha256 = v2 ? Option.some(InfoHashV2.of(digest("SHA-256", info))) : Option.none();
        return new InfoHashes(sha1, sha256);
    }

    private static byte[] digest(String algorithm, BencodeNode info) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            info.updateDigest(digest);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides " + algorithm, e);
        }
    }
}
