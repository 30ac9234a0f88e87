package dev.peerscout.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.peerscout.bencode.BencodeException.Problem;
import dev.peerscout.domain.testing.Allocations;
import dev.peerscout.domain.testing.FuzzInputs;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzz test (Jazzer) of the codec: decode, check every value's span, read the
 * value whole, re-encode it, and compare. The only allowed outcomes of decoding are a document
 * that keeps the invariants below or a {@link BencodeException} of one line; anything else
 * thrown, a hang or an allocation sized by a claim rather than by the input is a bug.
 *
 * <p>Invariants: spans nest (a container's children tile its bytes between its first and last
 * byte); the first departure from canonical form in every value is the same whether the scan
 * noted it or a walk over the value finds it; re-encoding gives canonical bytes that decode to the
 * same value; when the input is canonical the re-encoding is the input's span byte for byte, and
 * the two documents' spans agree.
 *
 * <p>Under plain {@code mvn test} the {@code @FuzzTest} runs once per file of
 * {@code src/test/resources/.../BencodeFuzzTestInputs/codec/} (seeds and every finding so far), and
 * the parameterised test runs the same checks over the shared vectors, read in place.
 * {@code bench/fuzz.sh} fuzzes it. Its budget comes from the domain's test fixtures, the module's
 * only tie to the rest of peerscout, in its tests alone.
 */
class BencodeFuzzTest {
    private static final BencodeDecoder DECODER = new BencodeDecoder(100, 100_000, 1 << 20);
    /** Decoding allocates per container (the index) and per value read, never per claimed byte. */
    private static final long FIXED_BUDGET = 1L << 20;

    private static final long BUDGET_PER_BYTE = 256;

    @FuzzTest
    void codec(byte[] data) {
        FuzzInputs.withinDeadline(() -> check(data));
    }

    static Stream<Arguments> vectors() {
        return StreamSupport.stream(SharedVectors.bencode().spliterator(), false)
                .map(vector -> Arguments.of(
                        vector.get("id").asText(),
                        HexFormat.of().parseHex(vector.get("hex").asText())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sharedVector(String id, byte[] bytes) {
        check(bytes);
    }

    static void check(byte[] data) {
        BencodeDocument document;
        try {
            document = Allocations.withinBudget(data.length, FIXED_BUDGET, BUDGET_PER_BYTE, () -> DECODER.decode(data));
        } catch (BencodeException refused) {
            assertOneLine(refused.getMessage());
            assertTrue(refused.offset() >= 0 && refused.offset() <= data.length, "offset " + refused.offset());
            return;
        }
        BencodeNode root = document.root();
        assertEquals(0, root.offset());
        assertEquals(document.end(), root.end());
        assertEquals(data.length, document.end() + document.trailingBytes());
        checkSpans(root);

        BValue value;
        try {
            value = Allocations.withinBudget(data.length, FIXED_BUDGET, BUDGET_PER_BYTE, root::toValue);
        } catch (BencodeException beyond64Bits) {
            assertEquals(Problem.INTEGER_BEYOND_64_BITS, beyond64Bits.problem());
            assertOneLine(beyond64Bits.getMessage());
            return;
        }
        byte[] encoded = BencodeEncoder.encode(value);
        BencodeNode again = new BencodeDecoder(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .decode(encoded)
                .root();
        assertEquals(encoded.length, again.end(), "re-encoding is one value");
        assertTrue(CanonicalBencode.firstViolation(again).isEmpty(), "re-encoding is canonical");
        assertArrayEquals(encoded, BencodeEncoder.encode(again.toValue()), "re-encoding decodes to the same value");

        if (CanonicalBencode.firstViolation(root).isEmpty()) {
            assertArrayEquals(
                    Arrays.copyOfRange(data, root.offset(), root.end()),
                    encoded,
                    "canonical input re-encodes to itself");
            sameSpans(root, again);
        }
    }

    /** Every child lies inside its parent, right after its sibling; the last one ends where the parent's 'e' is. */
    private static void checkSpans(BencodeNode root) {
        Deque<BencodeNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            BencodeNode node = pending.pop();
            assertTrue(node.offset() < node.end(), node.toString());
            assertEquals(node.end() - node.offset(), node.raw().remaining());
            assertEquals(
                    CanonicalBencode.walk(node),
                    CanonicalBencode.firstViolation(node),
                    "the scan's findings agree with a walk over " + node);
            if (node.isList() || node.isDictionary()) {
                int at = node.offset() + 1;
                for (BencodeNode child : children(node)) {
                    assertEquals(at, child.offset(), "child of " + node);
                    at = child.end();
                    pending.push(child);
                }
                assertEquals(node.end() - 1, at, "children of " + node + " end before its 'e'");
            }
        }
    }

    /** Canonical input and its re-encoding: the same kinds at the same places. */
    private static void sameSpans(BencodeNode original, BencodeNode reencoded) {
        Deque<BencodeNode[]> pending = new ArrayDeque<>();
        pending.push(new BencodeNode[] {original, reencoded});
        while (!pending.isEmpty()) {
            BencodeNode[] pair = pending.pop();
            assertEquals(pair[0].kind(), pair[1].kind());
            assertEquals(pair[0].offset() - original.offset(), pair[1].offset() - reencoded.offset());
            assertEquals(pair[0].end() - original.offset(), pair[1].end() - reencoded.offset());
            if (pair[0].isList() || pair[0].isDictionary()) {
                Iterator<BencodeNode> theirs = children(pair[1]).iterator();
                for (BencodeNode child : children(pair[0])) {
                    pending.push(new BencodeNode[] {child, theirs.next()});
                }
                assertTrue(!theirs.hasNext());
            }
        }
    }

    private static Iterable<BencodeNode> children(BencodeNode container) {
        if (container.isList()) {
            return container.eachElement();
        }
        List<BencodeNode.Entry> entries = container.entries();
        return () -> entries.stream()
                .flatMap(entry -> Stream.of(entry.key(), entry.value()))
                .iterator();
    }

    private static void assertOneLine(String text) {
        assertTrue(text.chars().noneMatch(Character::isISOControl), () -> "not one line: " + text);
    }
}
