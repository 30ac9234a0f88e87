package dev.peerscout.adapters.peerwire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HASH = HEX.parseHex("0123456789abcdef0123456789abcdef01234567");
    private static final byte[] ID = "-PS0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
    /** 0x13 "BitTorrent protocol", reserved 00 00 00 00 00 10 00 05, hash, id: written out by hand. */
    private static final String GOLDEN = "13426974546f7272656e742070726f746f636f6c" + "0000000000100005"
            + "0123456789abcdef0123456789abcdef01234567" + "2d5053303130302d6162636465666768696a6b6c";

    @Test
    void encodesTheSixtyEightBytes() {
        long reserved = Handshake.EXTENSIONS | Handshake.FAST | Handshake.DHT;
        assertEquals(GOLDEN, HEX.formatHex(new Handshake(reserved, HASH, ID).encode()));
    }

    @Test
    void theV2UpgradeBitIsByteSevenSixteen() {
        byte[] bytes = new Handshake(Handshake.V2_UPGRADE, HASH, ID).encode();
        assertEquals(0x10, bytes[27]);
    }

    @Test
    void decodesWhatItEncodes() {
        Handshake.Decoded decoded = Handshake.decode(ByteBuffer.wrap(HEX.parseHex(GOLDEN)));
        Handshake handshake =
                assertInstanceOf(Handshake.Decoded.Ok.class, decoded).handshake();
        assertEquals(0x100005L, handshake.reserved());
        assertArrayEquals(HASH, handshake.infoHash());
        assertArrayEquals(ID, handshake.peerId());
    }

    @Test
    void anotherProtocolIsNotBitTorrentFromItsFirstByte() {
        assertFalse(Handshake.couldStart(ByteBuffer.wrap("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(Handshake.couldStart(ByteBuffer.wrap(HEX.parseHex("13426974"))), "a prefix of the real thing");
        byte[] http = java.util.Arrays.copyOf("HTTP/1.1 400 Bad Request".getBytes(StandardCharsets.US_ASCII), 68);
        assertInstanceOf(Handshake.Decoded.NotBitTorrent.class, Handshake.decode(ByteBuffer.wrap(http)));
    }
}
