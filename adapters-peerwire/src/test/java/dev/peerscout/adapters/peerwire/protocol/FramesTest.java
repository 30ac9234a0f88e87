package dev.peerscout.adapters.peerwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FramesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Frames.Limits TWENTY_PIECES = Frames.Limits.forPieces(20);

    private static Frames.Decoded decode(String hex, Frames.Limits limits) {
        return Frames.decode(ByteBuffer.wrap(HEX.parseHex(hex)), limits);
    }

    private static WireMessage message(String hex) {
        return assertInstanceOf(Frames.Decoded.Message.class, decode(hex, TWENTY_PIECES))
                .message();
    }

    @Test
    void readsTheMessagesAProberCaresAbout() {
        assertEquals(new WireMessage.KeepAlive(), message("00000000"));
        assertEquals(new WireMessage.HaveAll(), message("000000010e"));
        assertEquals(new WireMessage.HaveNone(), message("000000010f"));
        assertEquals(new WireMessage.Have(19), message("000000050400000013"));
        assertEquals(new WireMessage.Bitfield(HEX.parseHex("fffff0")), message("0000000405fffff0"));
        assertEquals(new WireMessage.Extended(1, HEX.parseHex("6465")), message("00000004140164 65".replace(" ", "")));
        assertEquals(new WireMessage.Other(0x11, 5), message("000000051100000003"));
    }

    @Test
    void encodingIsTheInverse() {
        assertEquals("000000010f", HEX.formatHex(new WireMessage.HaveNone().encode()));
        assertEquals("0000000405fffff0", HEX.formatHex(new WireMessage.Bitfield(HEX.parseHex("fffff0")).encode()));
        assertEquals("0000000414006465", HEX.formatHex(new WireMessage.Extended(0, HEX.parseHex("6465")).encode()));
    }

    @Test
    void aPartialMessageAsksForItsWholeLengthAndLeavesThePosition() {
        ByteBuffer in = ByteBuffer.wrap(HEX.parseHex("0000000405ff"));
        Frames.Decoded decoded = Frames.decode(in, TWENTY_PIECES);
        assertEquals(8, assertInstanceOf(Frames.Decoded.NeedMore.class, decoded).total());
        assertEquals(0, in.position());
        assertEquals(
                4,
                assertInstanceOf(Frames.Decoded.NeedMore.class, decode("000000", TWENTY_PIECES))
                        .total());
    }

    @ParameterizedTest
    @CsvSource({
        "7fffffff, at most",
        "ffffffff, at most",
        "0000000305ffff, expected 3",
        "0000000405fffff1, spare bits",
        "00000002040000, expected 4",
        "00000002000000, expected 0",
        "0000000114, extension message of 0",
    })
    void refusesWhatBreaksTheRules(String hex, String why) {
        Frames.Decoded decoded = decode(hex, TWENTY_PIECES);
        String problem =
                assertInstanceOf(Frames.Decoded.Violation.class, decoded).why();
        assertTrue(problem.contains(why), problem);
    }

    @Test
    void withoutAPieceCountABitfieldIsBoundedNotExact() {
        Frames.Limits unknown = Frames.Limits.forPieces(-1);
        assertInstanceOf(Frames.Decoded.Message.class, decode("0000000405fffff1", unknown));
        assertInstanceOf(
                Frames.Decoded.Violation.class,
                Frames.decode(
                        ByteBuffer.allocate(8)
                                .putInt(0, Frames.Limits.DEFAULT_MAX_BITFIELD + 2)
                                .put(4, (byte) 5),
                        unknown));
    }
}
