package dev.peerscout.adapters.peerwire.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.peerscout.adapters.peerwire.protocol.MetadataMessage;
import dev.peerscout.domain.testing.Allocations;
import dev.peerscout.domain.testing.FuzzInputs;

/**
 * Coverage-guided fuzz test (Jazzer) of BEP 9 {@code ut_metadata} decoding: a bencoded dictionary
 * followed by raw piece bytes, as a peer sends it in an extended message.
 *
 * <p>Invariants: nothing throws, allocation stays within a budget proportional to the input (never
 * to a {@code total_size} or piece number the peer claims), a data message never carries more than
 * one 16 KiB piece, a decoded message re-encodes to bytes that decode to the same message, and every
 * problem is one printable line. Under plain {@code mvn test} it replays the files of
 * {@code MetadataFuzzTestInputs/metadata/}; {@code bench/fuzz.sh metadata} fuzzes it.
 */
class MetadataFuzzTest {
    private static final long FIXED_BUDGET = 1L << 20;
    private static final long BUDGET_PER_BYTE = 64;

    @FuzzTest
    void metadata(byte[] data) {
        FuzzInputs.withinDeadline(() -> Allocations.withinBudget(data.length, FIXED_BUDGET, BUDGET_PER_BYTE, () -> {
            check(data);
            return null;
        }));
    }

    static void check(byte[] data) {
        MetadataMessage.decode(data)
                .peek(message -> {
                    if (message instanceof MetadataMessage.Data piece) {
                        assertTrue(
                                piece.bytes().length <= MetadataMessage.PIECE_SIZE,
                                "a piece of " + piece.bytes().length);
                    }
                    assertEquals(
                            message, MetadataMessage.decode(message.encode()).get(), "re-encoded");
                })
                .orElseRun(MetadataFuzzTest::assertOneLine);
    }

    private static void assertOneLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            assertTrue(
                    !Character.isISOControl(text.charAt(i)),
                    "control character in: " + text.replaceAll("\\p{Cc}", "?"));
        }
    }
}
