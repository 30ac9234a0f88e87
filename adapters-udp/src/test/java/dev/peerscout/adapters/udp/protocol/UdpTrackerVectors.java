package dev.peerscout.adapters.udp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.domain.testing.SharedCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shared BEP 15/41 vectors ({@code corpus/vectors/udp-tracker-vectors.json}), by id. */
final class UdpTrackerVectors {
    private static final Map<String, JsonNode> PACKETS = load();

    private UdpTrackerVectors() {}

    static Map<String, JsonNode> all() {
        return PACKETS;
    }

    static byte[] bytes(String id) {
        JsonNode packet = PACKETS.get(id);
        if (packet == null) {
            throw new IllegalArgumentException("no vector " + id);
        }
        byte[] bytes = HexFormat.of().parseHex(packet.get("hex").asText());
        if (bytes.length != packet.get("length").asInt()) {
            throw new IllegalStateException(id + ": hex is " + bytes.length + " bytes, vector says "
                    + packet.get("length").asInt());
        }
        return bytes;
    }

    static ByteBuffer buffer(String id) {
        return ByteBuffer.wrap(bytes(id));
    }

    static String hex(String id) {
        return HexFormat.of().formatHex(bytes(id));
    }

    private static Map<String, JsonNode> load() {
        try {
            JsonNode root = new ObjectMapper()
                    .readTree(SharedCorpus.corpus("vectors", "udp-tracker-vectors.json")
                            .toFile());
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            root.get("packets").forEach(packet -> byId.put(packet.get("id").asText(), packet));
            return byId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
