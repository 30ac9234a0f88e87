package dev.peerscout.domain.testing;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.PeerId;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.random.RandomGenerator;

/** Test data: fresh identifiers so tests never share a swarm by accident. */
public final class Fixtures {
    private static final RandomGenerator RANDOM = new SecureRandom();

    private Fixtures() {}

    public static InfoHash anyInfoHash() {
        byte[] bytes = new byte[InfoHash.LENGTH];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) RANDOM.nextInt(256);
        }
        return InfoHash.of(bytes);
    }

    public static PeerId anyPeerId() {
        return PeerId.random("-PS0100-", RANDOM);
    }

    /** A 'started' announce of a leecher that wants the tracker's default number of peers. */
    public static AnnounceRequest announce(InfoHash hash, PeerId peer, int port) {
        return new AnnounceRequest(
                hash,
                peer,
                port,
                0,
                0,
                1_000_000,
                AnnounceEvent.STARTED,
                -1,
                RANDOM.nextInt(),
                EnumSet.allOf(AddressFamily.class));
    }
}
