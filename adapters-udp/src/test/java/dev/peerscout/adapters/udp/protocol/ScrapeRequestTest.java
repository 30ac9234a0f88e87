package dev.peerscout.adapters.udp.protocol;

import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peerscout.domain.model.InfoHash;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScrapeRequestTest {

    @Test
    void batchesHoldAtMost74HashesInOrder() {
        List<InfoHash> hashes = Stream.generate(() -> anyInfoHash()).limit(150).toList();

        List<List<InfoHash>> batches = ScrapeRequest.batches(hashes);

        assertEquals(List.of(74, 74, 2), batches.stream().map(List::size).toList());
        assertEquals(hashes, batches.stream().flatMap(List::stream).toList());
    }

    @Test
    void aRequestForMoreThan74HashesCannotBeBuilt() {
        List<InfoHash> hashes = Stream.generate(() -> anyInfoHash()).limit(75).toList();

        assertThrows(IllegalArgumentException.class, () -> new ScrapeRequest(1, 2, hashes));
    }

    @Test
    void the74HashRequestFitsAnEthernetFrame() {
        List<InfoHash> hashes = Stream.generate(() -> anyInfoHash()).limit(74).toList();

        byte[] bytes = new ScrapeRequest(1, 2, hashes).toBytes();

        assertEquals(1496, bytes.length);
        assertEquals(hashes, ScrapeRequest.decode(ByteBuffer.wrap(bytes)).get().infoHashes());
    }
}
