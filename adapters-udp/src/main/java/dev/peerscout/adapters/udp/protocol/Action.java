package dev.peerscout.adapters.udp.protocol;

import io.vavr.control.Option;

/** The {@code action} field of every BEP 15 datagram. */
public enum Action {
    CONNECT(0),
    ANNOUNCE(1),
    SCRAPE(2),
    ERROR(3);

    private final int code;

    Action(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Option<Action> of(int code) {
        for (Action action : values()) {
            if (action.code == code) {
                return Option.some(action);
            }
        }
        return Option.none();
    }
}
