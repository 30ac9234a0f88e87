package dev.peerscout.adapters.torrentfile;

import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BencodeEncoder;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TorrentError;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.MetainfoWriter;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A .torrent from a magnet link and its verified info dictionary. The info value is copied in as
 * raw bytes, never re-encoded: a v1 dictionary need not be canonical, and its hash must not move.
 * Keys are written in sorted order: {@code announce}, {@code announce-list}, {@code info},
 * {@code url-list}. A v2 torrent's {@code piece layers} cannot be had from a magnet link (BEP 9
 * carries the info dictionary only), so none are written.
 */
public final class MagnetMetainfoWriter implements MetainfoWriter {
    private final MagnetLinkParser magnets = new MagnetLinkParser();

    @Override
    public Either<TorrentError, byte[]> fromMagnet(String magnetLink, byte[] info) {
        Either<TorrentError, Torrent> parsed = magnets.parse(magnetLink);
        if (parsed.isLeft()) {
            return Either.left(parsed.getLeft());
        }
        List<TrackerUrl> trackers = parsed.get().tiers().stream()
                .map(Tier::trackers)
                .flatMap(List::stream)
                .toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream(info.length + 1024);
        out.write('d');
        if (!trackers.isEmpty()) {
            entry(out, "announce", BValue.BBytes.utf8(trackers.get(0).value()));
            List<BValue> tiers = new ArrayList<>();
            for (Tier tier : parsed.get().tiers()) {
                tiers.add(new BValue.BList(tier.trackers().stream()
                        .map(url -> (BValue) BValue.BBytes.utf8(url.value()))
                        .toList()));
            }
            entry(out, "announce-list", new BValue.BList(tiers));
        }
        BencodeEncoder.encode(BValue.BBytes.ascii("info"), out);
        out.writeBytes(info);
        List<String> seeds = webSeeds(magnetLink);
        if (!seeds.isEmpty()) {
            entry(
                    out,
                    "url-list",
                    new BValue.BList(seeds.stream()
                            .map(url -> (BValue) BValue.BBytes.utf8(url))
                            .toList()));
        }
        out.write('e');
        return Either.right(out.toByteArray());
    }

    private static void entry(ByteArrayOutputStream out, String key, BValue value) {
        BencodeEncoder.encode(BValue.BBytes.ascii(key), out);
        BencodeEncoder.encode(value, out);
    }

    /** The link's {@code ws} values (BEP 19 web seeds), in order, repeats and blanks left out. */
    static List<String> webSeeds(String magnetLink) {
        int query = magnetLink.indexOf('?');
        int fragment = magnetLink.indexOf('#');
        String params = query < 0 ? "" : magnetLink.substring(query + 1, fragment < 0 ? magnetLink.length() : fragment);
        Set<String> seeds = new LinkedHashSet<>();
        for (String parameter : params.split("&")) {
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = MagnetLinkParser.baseKey(PercentDecoding.decode(parameter.substring(0, equals)));
            String value =
                    PercentDecoding.decode(parameter.substring(equals + 1)).strip();
            if (key.equals("ws") && !value.isEmpty()) {
                seeds.add(value);
            }
        }
        return List.copyOf(seeds);
    }
}
