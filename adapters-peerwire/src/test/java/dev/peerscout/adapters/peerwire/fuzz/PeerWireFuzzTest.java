package dev.peerscout.adapters.peerwire.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.peerscout.adapters.peerwire.protocol.ExtensionHandshake;
import dev.peerscout.adapters.peerwire.protocol.Frames;
import dev.peerscout.adapters.peerwire.protocol.Handshake;
import dev.peerscout.adapters.peerwire.protocol.PexMessage;
import dev.peerscout.adapters.peerwire.protocol.WireMessage;
import dev.peerscout.domain.testing.Allocations;
import dev.peerscout.domain.testing.FuzzInputs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzz test (Jazzer) of everything a peer's bytes go through: the handshake, the
 * frame decoder with its caps, the BEP 10 extension handshake and BEP 11 PEX. The input is what a
 * peer sends after accepting our connection; its first byte chooses the torrent's piece count
 * (or none, a magnet link) and how the bytes arrive (all at once or in small reads).
 *
 * <p>Invariants: nothing throws, allocation stays within a budget proportional to the input (never
 * to a length the peer claims), decoding in pieces gives exactly the messages decoding all at once
 * gives, no message asks for more than the cap, and every problem is one printable line. Under plain
 * {@code mvn test} it replays the files of {@code PeerWireFuzzTestInputs/wire/}; {@code bench/fuzz.sh wire} fuzzes it.
 */
class PeerWireFuzzTest {
    private static final long FIXED_BUDGET = 4L << 20;
    private static final long BUDGET_PER_BYTE = 256;

    @FuzzTest
    void wire(byte[] data) {
        FuzzInputs.withinDeadline(() -> Allocations.withinBudget(data.length, FIXED_BUDGET, BUDGET_PER_BYTE, () -> {
            check(data);
            return null;
        }));
    }

    static void check(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int control = data[0] & 0xFF;
        long pieces = (control & 0x80) != 0 ? -1 : control * 3L;
        int chunk = (control & 0x40) != 0 ? 1 + (control & 0x07) : Integer.MAX_VALUE;
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        Frames.Limits limits = Frames.Limits.forPieces(pieces);
        List<String> whole = converse(stream, limits, Integer.MAX_VALUE);
        List<String> pieced = converse(stream, limits, chunk);
        assertEquals(whole, pieced, "reads of " + chunk + " bytes");
        // The dictionaries on their own, as any extended payload may be either.
        ExtensionHandshake.decode(stream).orElseRun(PeerWireFuzzTest::assertOneLine);
        PexMessage.decode(stream, 200)
                .peek(pex -> assertTrue(pex.added().size() <= 200))
                .orElseRun(PeerWireFuzzTest::assertOneLine);
    }

    /** Decodes the stream as a probe would, the bytes arriving {@code chunk} at a time; returns what it saw. */
    private static List<String> converse(byte[] stream, Frames.Limits limits, int chunk) {
        List<String> seen = new ArrayList<>();
        ByteBuffer in = ByteBuffer.allocate(stream.length);
        int fed = 0;
        boolean handshaken = false;
        while (true) {
            int take = Math.min(chunk, stream.length - fed);
            in.put(stream, fed, take);
            fed += take;
            in.flip();
            boolean done = false;
            if (!handshaken) {
                if (!Handshake.couldStart(in)) {
                    seen.add("not bittorrent");
                    return seen;
                }
                if (in.remaining() >= Handshake.LENGTH) {
                    Handshake.decode(in);
                    handshaken = true;
                    seen.add("handshake");
                }
            }
            while (handshaken && !done) {
                Frames.Decoded decoded = Frames.decode(in, limits);
                if (decoded instanceof Frames.Decoded.NeedMore more) {
                    assertTrue(more.total() <= limits.largest(), "asked for " + more.total());
                    done = true;
                } else if (decoded instanceof Frames.Decoded.Violation violation) {
                    assertOneLine(violation.why());
                    seen.add("violation");
                    return seen;
                } else {
                    WireMessage message = ((Frames.Decoded.Message) decoded).message();
                    seen.add(message.getClass().getSimpleName());
                    if (message instanceof WireMessage.Extended extended) {
                        seen.add(ExtensionHandshake.decode(extended.payload())
                                .fold(problem -> "bad", ok -> ok.extensions().toString()));
                        PexMessage.decode(extended.payload(), 50)
                                .forEach(pex -> seen.add(pex.added().toString()));
                    }
                }
            }
            in.compact();
            if (fed == stream.length) {
                return seen;
            }
        }
    }

    private static void assertOneLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            assertTrue(
                    !Character.isISOControl(text.charAt(i)),
                    "control character in: " + text.replaceAll("\\p{Cc}", "?"));
        }
    }
}
