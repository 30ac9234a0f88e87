package dev.peerscout.adapters.udp.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connect at a time per tracker key: the first exchange that needs a connection id sends the
 * connect, the others park until it ends. Not thread-safe: used under the endpoint's monitor.
 */
final class ConnectLeaders {
    private final Map<TrackerKey, Exchange<?, ?>> connecting = new HashMap<>();
    private final Map<TrackerKey, List<Exchange<?, ?>>> parked = new HashMap<>();

    /**
     * True if {@code exchange} may send a connect for {@code key}; false if another exchange is
     * connecting already, in which case this one is parked until that connect ends.
     */
    boolean lead(TrackerKey key, Exchange<?, ?> exchange) {
        Exchange<?, ?> leader = connecting.putIfAbsent(key, exchange);
        if (leader == null || leader == exchange) {
            return true;
        }
        parked.computeIfAbsent(key, k -> new ArrayList<>()).add(exchange);
        return false;
    }

    /** The connect for {@code key} got an id or gave up: parked exchanges carry on. */
    void ended(TrackerKey key, Exchange<?, ?> leader) {
        if (connecting.remove(key, leader)) {
            List<Exchange<?, ?>> waiting = parked.remove(key);
            if (waiting != null) {
                waiting.forEach(Exchange::begin);
            }
        }
    }

    void unpark(TrackerKey key, Exchange<?, ?> exchange) {
        List<Exchange<?, ?>> waiting = parked.get(key);
        if (waiting != null) {
            waiting.remove(exchange);
        }
    }
}
