package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.InfoHash;
import io.vavr.control.Option;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The query strings of announce and scrape requests (§7). */
final class AnnounceQuery {
    private AnnounceQuery() {}

    /**
     * Parameters in the order the vectors show. {@code numwant} is left out when the request says
     * -1: the tracker's own default (opentracker 50, most others 30–50) is what -1 means, and an
     * explicit negative number is read as 0 or refused by some trackers.
     */
    static String announce(AnnounceRequest request, Option<TrackerId> trackerId) {
        StringJoiner query = new StringJoiner("&");
        query.add("info_hash=" + PercentEncoding.encode(request.infoHash().toBytes()));
        query.add("peer_id=" + PercentEncoding.encode(request.peerId().toBytes()));
        query.add("port=" + request.port());
        query.add("uploaded=" + request.uploaded());
        query.add("downloaded=" + request.downloaded());
        query.add("left=" + request.left());
        query.add("compact=1");
        if (request.event() != AnnounceEvent.NONE) {
            query.add("event=" + request.event().name().toLowerCase(Locale.ROOT));
        }
        if (request.numWant() >= 0) {
            query.add("numwant=" + request.numWant());
        }
        query.add("key=" + String.format("%08X", request.key()));
        trackerId.forEach(id -> query.add("trackerid=" + id.queryValue()));
        return query.toString();
    }

    static String scrape(List<InfoHash> hashes) {
        StringJoiner query = new StringJoiner("&");
        hashes.forEach(hash -> query.add("info_hash=" + PercentEncoding.encode(hash.toBytes())));
        return query.toString();
    }
}
