package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcessArgumentsTest {
    private static final byte[] CMDLINE = "java\0-jar\0p.jar\0info\0caf\u00e9\0".getBytes(StandardCharsets.UTF_8);

    @Test
    void theRawArgumentsReplaceWhatAnAsciiLocaleMadeOfThem() {
        String[] jvm = {"info", "caf\ufffd\ufffd"};
        assertArrayEquals(
                new String[] {"info", "caf\u00e9"},
                ProcessArguments.recovered(jvm, CMDLINE, StandardCharsets.US_ASCII));
    }

    @Test
    void argumentsThatDoNotMatchTheCommandLineAreLeftAsTheyWere() {
        String[] rewritten = {"info", "other"};
        assertArrayEquals(rewritten, ProcessArguments.recovered(rewritten, CMDLINE, StandardCharsets.US_ASCII));
        String[] tooMany = {"a", "b", "c", "d", "e", "f"};
        assertArrayEquals(tooMany, ProcessArguments.recovered(tooMany, CMDLINE, StandardCharsets.US_ASCII));
    }
}
