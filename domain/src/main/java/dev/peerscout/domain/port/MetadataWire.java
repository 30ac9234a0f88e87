package dev.peerscout.domain.port;

import dev.peerscout.domain.model.metadata.MetadataAttempt;
import dev.peerscout.domain.model.metadata.MetadataRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Asks one peer for a torrent's info dictionary over the peer wire (BEP 3, 10, 9): 16 KiB pieces,
 * request / data / reject. The adapter checks sizes and piece lengths; the hash is the caller's.
 */
public interface MetadataWire {

    /**
     * The future completes by the request's deadline and never exceptionally: every outcome is a
     * {@link MetadataAttempt}. Cancelling it closes the connection soon after.
     */
    CompletableFuture<MetadataAttempt> fetch(MetadataRequest request);
}
