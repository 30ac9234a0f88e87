package dev.peerscout.adapters.peerwire.protocol;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The BEP 10 extension handshake (extended message id 0): a bencoded dictionary. Only the keys a
 * prober reports are kept; unknown keys are ignored as BEP 10 asks.
 *
 * @param extensions   {@code m}: extension name to the id the sender wants for it; 0 (disabled) left out
 * @param client       {@code v}
 * @param listenPort   {@code p}
 * @param yourIp       {@code yourip}: how the sender sees the receiver (4 or 16 bytes)
 * @param reqq         {@code reqq}
 * @param metadataSize {@code metadata_size} (BEP 9)
 */
public record ExtensionHandshake(
        Map<String, Integer> extensions,
        Option<String> client,
        Option<Integer> listenPort,
        Option<InetAddress> yourIp,
        Option<Integer> reqq,
        Option<Long> metadataSize) {

    /** The ids we give the extensions we understand, in our {@code m}. */
    public static final int UT_PEX = 1;

    public static final int UT_METADATA = 2;

    public ExtensionHandshake {
        extensions = Map.copyOf(new TreeMap<>(extensions));
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(listenPort, "listenPort");
        Objects.requireNonNull(yourIp, "yourIp");
        Objects.requireNonNull(reqq, "reqq");
        Objects.requireNonNull(metadataSize, "metadataSize");
    }

    /** Ours: {@code ut_pex} and {@code ut_metadata}, our name and version, no port (we listen on none). */
    public static ExtensionHandshake ours(String client, int reqq) {
        return new ExtensionHandshake(
                Map.of("ut_pex", UT_PEX, "ut_metadata", UT_METADATA),
                Option.of(client),
                Option.none(),
                Option.none(),
                Option.of(reqq),
                Option.none());
    }

    /** The id the sender wants for {@code name}, if it offers it. */
    public Option<Integer> idOf(String name) {
        return Option.of(extensions.get(name));
    }

    /** The dictionary, canonically encoded (keys sorted). */
    public byte[] encode() {
        return ExtensionCodec.encode(this);
    }

    public static Either<String, ExtensionHandshake> decode(byte[] payload) {
        return ExtensionCodec.decodeHandshake(payload);
    }
}
