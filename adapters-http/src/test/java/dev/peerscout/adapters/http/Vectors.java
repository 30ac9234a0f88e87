package dev.peerscout.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.domain.testing.SharedCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The shared JSON test vectors (read in place, never copied). */
final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {}

    static JsonNode httpTracker() {
        return read("http-tracker-vectors.json");
    }

    static JsonNode bencode() {
        return read("bencode-vectors.json");
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static JsonNode read(String name) {
        try {
            return JSON.readTree(SharedCorpus.corpus("vectors", name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
