package dev.peerscout.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.MagnetLinks;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code info --json}: what a torrent says, every file included, as one document for scripts. */
final class InfoJson {
    private final PrintWriter out;
    private final boolean showSecrets;

    InfoJson(PrintWriter out, boolean showSecrets) {
        this.out = out;
        this.showSecrets = showSecrets;
    }

    /** {@code metadataFrom}: the peer that gave a magnet link's verified metadata, or null. */
    void write(Torrent torrent, String metadataFrom) {
        Json.write(out, true, json -> {
            json.writeStartObject();
            json.writeStringField("name", torrent.name().getOrNull());
            json.writeStringField(
                    "infoHash", torrent.hashes().v1().map(InfoHash::hex).getOrNull());
            json.writeStringField(
                    "infoHashV2", torrent.hashes().v2().map(InfoHashV2::hex).getOrNull());
            json.writeStringField("version", torrent.hashes().version().name().toLowerCase(Locale.ROOT));
            json.writeBooleanField("private", torrent.isPrivate());
            json.writeArrayFieldStart("trackers");
            for (Tier tier : torrent.tiers()) {
                json.writeStartArray();
                for (TrackerUrl url : tier.trackers()) {
                    json.writeString(url.display(showSecrets));
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            Contents contents = torrent.contents().getOrNull();
            if (contents == null) {
                json.writeNullField("totalLength");
                json.writeNullField("paddedLength");
                json.writeNullField("pieceLength");
                json.writeNullField("pieceCount");
            } else {
                // The real files; paddedLength adds the pad files (what libtorrent calls total_size).
                json.writeNumberField("totalLength", contents.dataLength());
                json.writeNumberField("paddedLength", contents.totalLength());
                json.writeNumberField("pieceLength", contents.pieceLength());
                json.writeNumberField("pieceCount", contents.pieceCount());
            }
            json.writeArrayFieldStart("files");
            if (contents != null) {
                JoinedPath path = new JoinedPath();
                for (FileEntry file : contents.files()) {
                    writeFile(json, file, path);
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("peers");
            for (HostPort peer : torrent.peerHints()) {
                json.writeString(peer.toString());
            }
            json.writeEndArray();
            json.writeStringField("magnet", MagnetLinks.of(torrent, showSecrets));
            json.writeArrayFieldStart("warnings");
            for (String warning : torrent.warnings()) {
                json.writeString(warning);
            }
            json.writeEndArray();
            if (metadataFrom != null) {
                json.writeStringField("metadataFrom", metadataFrom);
            }
            json.writeEndObject();
        });
        out.println();
    }

    /**
     * One file, in a method of its own: the launcher's C1-only JVM compiles a loop run in one call
     * only after some 60,000 turns, so the loop over a big torrent's files would stay interpreted,
     * while a method called per file is compiled after a few hundred calls.
     */
    private static void writeFile(JsonGenerator json, FileEntry file, JoinedPath path) throws IOException {
        json.writeStartObject();
        json.writeFieldName("path");
        path.write(json, file.path());
        json.writeNumberField("length", file.length());
        if (file.padding()) {
            json.writeBooleanField("padding", true);
        }
        json.writeEndObject();
    }

    /**
     * {@link FileEntry#joinedPath} written from one reused buffer: no string per file (the
     * launcher's JVM has no escape analysis to spare a big torrent that garbage).
     */
    private static final class JoinedPath {
        private char[] chars = new char[256];

        void write(JsonGenerator json, List<String> elements) throws IOException {
            int length = 0;
            for (String element : elements) {
                length += element.length() + 1;
            }
            if (length > chars.length) {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            int end = 0;
            for (int i = 0; i < elements.size(); i++) {
                String element = elements.get(i);
                if (i > 0) {
                    chars[end++] = '/';
                }
                element.getChars(0, element.length(), chars, end);
                end += element.length();
            }
            json.writeString(chars, 0, end);
        }
    }
}
