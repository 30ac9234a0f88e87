package dev.peerscout.adapters.udp.protocol;

import java.util.Objects;

/** Why a datagram could not be decoded, in words for people. */
public record MalformedPacket(String detail) {

    public MalformedPacket {
        Objects.requireNonNull(detail, "detail");
    }

    static MalformedPacket tooShort(String what, int length, int minimum) {
        return new MalformedPacket(what + " of " + length + " bytes, expected at least " + minimum);
    }
}
