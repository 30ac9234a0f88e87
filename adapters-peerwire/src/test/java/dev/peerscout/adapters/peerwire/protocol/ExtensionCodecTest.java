package dev.peerscout.adapters.peerwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.probe.PexPeer;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionCodecTest {

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void oursIsCanonical() {
        assertEquals(
                "d1:md11:ut_metadatai2e6:ut_pexi1ee4:reqqi250e1:v15:peerscout 0.1.0e",
                new String(ExtensionHandshake.ours("peerscout 0.1.0", 250).encode(), StandardCharsets.ISO_8859_1));
    }

    /** libtorrent 2.0.8's extension handshake as captured on loopback (some keys shortened). */
    @Test
    void readsALibtorrentHandshake() throws Exception {
        String captured = "d12:complete_agoi-1e1:md11:lt_donthavei7e10:share_modei8e11:upload_onlyi3e12:ut_holepunchi4e"
                + "11:ut_metadatai2e6:ut_pexi1ee13:metadata_sizei427e4:reqqi500e11:upload_onlyi1e1:v18:libtorrent/2.0.8.0"
                + "6:yourip4:\u007f\u0000\u0000\u0001e";
        ExtensionHandshake h = ExtensionHandshake.decode(bytes(captured)).get();
        assertEquals(Option.of(1), h.idOf("ut_pex"));
        assertEquals(Option.of(2), h.idOf("ut_metadata"));
        assertEquals(6, h.extensions().size());
        assertEquals(Option.of(427L), h.metadataSize());
        assertEquals(Option.of(500), h.reqq());
        assertEquals(Option.of("libtorrent/2.0.8.0"), h.client());
        assertEquals(Option.of(InetAddress.getByName("127.0.0.1")), h.yourIp());
    }

    @Test
    void disabledAndOutOfRangeIdsAreLeftOutAndControlCharactersNeverReachATerminal() {
        ExtensionHandshake h = ExtensionHandshake.decode(bytes("d1:md1:ai0e1:bi256e1:ci-1e1:di3ee1:v5:a\u001b[2Je"))
                .get();
        assertEquals(Map.of("d", 3), h.extensions());
        assertEquals(Option.of("a?[2J"), h.client());
    }

    @Test
    void notADictionaryIsAProblem() {
        assertTrue(ExtensionHandshake.decode(bytes("li1ee")).isLeft());
        assertTrue(ExtensionHandshake.decode(bytes("d1:m")).isLeft());
    }

    @Test
    void readsPexPeersWithTheirFlagsUpToTheCap() throws Exception {
        String pex =
                "d5:added12:\u007f\u0000\u0000\u0001\u001a\u00e1\n\u0000\u0000\u0002\u0000\u00507:added.f2:\u0002\u0010"
                        + "6:added618:\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001\u001a\u00e1e";
        PexMessage message = PexMessage.decode(bytes(pex), 10).get();
        assertEquals(3, message.offered());
        assertEquals(3, message.added().size());
        PexPeer first = message.added().get(0);
        assertEquals("127.0.0.1:6881", first.peer().toString());
        assertTrue(first.seed());
        assertEquals("10.0.0.2:80", message.added().get(1).peer().toString());
        assertEquals("[::1]:6881", message.added().get(2).peer().toString());
        assertEquals(1, PexMessage.decode(bytes(pex), 1).get().added().size());
    }

    @Test
    void portZeroAndPartialEntriesAreSkipped() {
        PexMessage message = PexMessage.decode(bytes("d5:added8:\u0001\u0002\u0003\u0004\u0000\u0000\u0009\u0009e"), 10)
                .get();
        assertEquals(0, message.added().size());
        assertEquals(1, message.offered());
    }
}
