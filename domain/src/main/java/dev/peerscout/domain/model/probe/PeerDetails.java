package dev.peerscout.domain.model.probe;

import io.vavr.control.Option;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a peer told us about itself during a probe.
 *
 * @param peerId       its 20-byte peer id as sent (not always printable)
 * @param client       its software: the BEP 10 {@code v} when sent, else decoded from the peer id (BEP 20)
 * @param reserved     the reserved bits of its handshake
 * @param percent      how much of the torrent it has, 0 to 100; unknown when it sent no piece information
 *                     or a bitfield we cannot measure (a magnet link without metadata)
 * @param seed         it has every piece
 * @param extensions   its BEP 10 {@code m}: extension name to message id (0 = disabled, left out)
 * @param metadataSize its BEP 9 {@code metadata_size}
 * @param yourIp       our address as the peer sees it (BEP 10 {@code yourip})
 * @param reqq         how many outstanding requests it accepts
 * @param listenPort   its BEP 10 {@code p}
 */
public record PeerDetails(
        byte[] peerId,
        Option<String> client,
        ReservedBits reserved,
        Option<Double> percent,
        boolean seed,
        Map<String, Integer> extensions,
        Option<Long> metadataSize,
        Option<InetAddress> yourIp,
        Option<Integer> reqq,
        Option<Integer> listenPort) {

    public PeerDetails {
        peerId = peerId.clone();
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(reserved, "reserved");
        Objects.requireNonNull(percent, "percent");
        extensions = Map.copyOf(new TreeMap<>(extensions));
        Objects.requireNonNull(metadataSize, "metadataSize");
        Objects.requireNonNull(yourIp, "yourIp");
        Objects.requireNonNull(reqq, "reqq");
        Objects.requireNonNull(listenPort, "listenPort");
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    public String peerIdHex() {
        return HexFormat.of().formatHex(peerId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerDetails that
                && Arrays.equals(peerId, that.peerId)
                && client.equals(that.client)
                && reserved.equals(that.reserved)
                && percent.equals(that.percent)
                && seed == that.seed
                && extensions.equals(that.extensions)
                && metadataSize.equals(that.metadataSize)
                && yourIp.equals(that.yourIp)
                && reqq.equals(that.reqq)
                && listenPort.equals(that.listenPort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(peerId), client, reserved, percent, seed, extensions);
    }

    @Override
    public String toString() {
        return "PeerDetails[" + peerIdHex() + ", " + client.getOrElse("?") + ", "
                + percent.map(p -> p + "%").getOrElse("?") + (seed ? " seed" : "") + ", m=" + extensions + "]";
    }
}
