package dev.peerscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A --from list read from the stream it is given for '-': lines, comments, and the bounds of user input. */
class ReferenceListTest {

    @Test
    void dashReadsTheGivenStreamSkippingBlankLinesAndComments() {
        ReferenceList list = new ReferenceList(stream("# swarms\n  a.torrent  \n\nmagnet:?xt=urn:btih:x\r\n#b\n"));

        assertEquals(List.of("a.torrent", "magnet:?xt=urn:btih:x"), list.read("-"));
    }

    @Test
    void noFileIsNoReferences() {
        assertEquals(List.of(), new ReferenceList(InputStream.nullInputStream()).read(null));
    }

    @Test
    void moreThanTheBoundOrBytesThatAreNotTextAreOneLineEach() {
        byte[] big = new byte[ReferenceList.MAX_BYTES + 1];
        UserError tooBig =
                assertThrows(UserError.class, () -> new ReferenceList(new ByteArrayInputStream(big)).read("-"));
        UserError notText = assertThrows(
                UserError.class,
                () -> new ReferenceList(new ByteArrayInputStream(new byte[] {(byte) 0xff, 'a'})).read("-"));

        assertEquals("standard input: more than 16 MiB of references", tooBig.getMessage());
        assertEquals("standard input: not UTF-8 text", notText.getMessage());
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
