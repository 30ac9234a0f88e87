package dev.peerscout.adapters.http;

import static dev.peerscout.adapters.http.LoopbackHttpServer.reply;
import static dev.peerscout.domain.testing.Fixtures.announce;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.port.TrackerProbe.Step;
import dev.peerscout.domain.testing.FakeScheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS trackers, against a loopback server with a self-signed certificate made by the JDK's keytool. */
class HttpsTrackerClientTest {
    private static final char[] PASSWORD = "peerscout".toCharArray();

    /** In the certificate; resolved by the probe's lookup to both loopback addresses, IPv6 first. */
    private static final String NAMED = "tracker.peerscout.test";

    private static final List<String> SERVER_NAMES = new CopyOnWriteArrayList<>();

    private static LoopbackHttpServer https;
    private static LoopbackHttpServer http;
    private static SSLContext trustingOurCertificate;

    private final FakeScheduler scheduler = new FakeScheduler();

    @BeforeAll
    static void startServers(@TempDir Path dir) throws Exception {
        KeyStore keys = selfSignedKeyStore(dir.resolve("tracker.p12"));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        trustingOurCertificate = SSLContext.getInstance("TLS");
        trustingOurCertificate.init(null, trust.getTrustManagers(), null);
        https = LoopbackHttpServer.https(serverTls, SERVER_NAMES);
        http = LoopbackHttpServer.http();
    }

    @AfterAll
    static void stopServers() {
        https.close();
        http.close();
    }

    @Test
    void announcesOverHttps() throws Exception {
        https.on("/secure/announce", exchange -> reply(exchange, 200, Bencoded.dict("interval", 60, "peers", "")));

        Either<TrackerFailure, AnnounceResponse> outcome = announceTo(trusting(), https.url("/secure/announce"));

        assertTrue(outcome.isRight(), () -> outcome.getLeft().message());
    }

    @Test
    void aRedirectFromHttpsToPlainHttpIsRefused() throws Exception {
        http.on("/plain/announce", exchange -> reply(exchange, 200, Bencoded.dict("interval", 60, "peers", "")));
        https.on(
                "/downgrade/announce",
                exchange -> reply(
                        exchange,
                        302,
                        new byte[0],
                        "Location",
                        http.url("/plain/announce?" + exchange.getRequestURI().getRawQuery())));

        assertEquals(
                Either.left(new TrackerFailure.Unsupported("redirect from https to plain http refused")),
                announceTo(trusting(), https.url("/downgrade/announce")));
        assertEquals(List.of(), http.requests("/plain/announce"));
    }

    @Test
    void aRedirectFromHttpToHttpsIsFollowed() throws Exception {
        https.on("/upgraded/announce", exchange -> reply(exchange, 200, Bencoded.dict("interval", 60, "peers", "")));
        http.on(
                "/upgrade/announce",
                exchange -> reply(
                        exchange,
                        301,
                        new byte[0],
                        "Location",
                        https.url(
                                "/upgraded/announce?" + exchange.getRequestURI().getRawQuery())));

        assertTrue(announceTo(trusting(), http.url("/upgrade/announce")).isRight());
    }

    @Test
    void anUntrustedCertificateMakesTheTrackerUnreachable() throws Exception {
        https.on("/untrusted/announce", exchange -> reply(exchange, 200, Bencoded.dict("interval", 60, "peers", "")));
        HttpTrackerClient defaultTrust = new HttpTrackerClient(scheduler, HttpTrackerConfig.defaults());

        TrackerFailure failure =
                announceTo(defaultTrust, https.url("/untrusted/announce")).getLeft();

        assertInstanceOf(TrackerFailure.Unreachable.class, failure);
        assertTrue(failure.message().startsWith("unreachable: TLS failed: "), failure.message());
    }

    @Test
    void eachAddressOfAnHttpsNameIsCheckedWithTheNamesCertificateAndSni() throws Exception {
        https.on("/each/announce", exchange -> reply(exchange, 200, Bencoded.dict("interval", 60, "peers", "")));
        TrackerProbe probe = new HttpTrackerClient(
                        scheduler,
                        HttpTrackerConfig.defaults(),
                        Option.some(trustingOurCertificate),
                        host -> List.of(InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1")))
                .probe();
        TrackerUrl named = TrackerUrl.of("https://" + NAMED + ":" + https.port() + "/each/announce");

        Step<AnnounceResponse> v4 = probe.announce(
                        named,
                        InetAddress.getByName("127.0.0.1"),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        scheduler.now().plusSeconds(10))
                .get(10, TimeUnit.SECONDS);
        TrackerFailure v6 = probe.announce(
                        named,
                        InetAddress.getByName("::1"),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        scheduler.now().plusSeconds(10))
                .get(10, TimeUnit.SECONDS)
                .outcome()
                .getLeft();

        assertTrue(v4.outcome().isRight(), v4.toString());
        assertEquals(
                List.of(NAMED),
                SERVER_NAMES.stream().filter(NAMED::equals).distinct().toList());
        assertEquals(
                NAMED + ":" + https.port(),
                https.requests("/each/announce").get(0).headers().getFirst("Host"));
        assertTrue(v6 instanceof TrackerFailure.Unreachable unreachable && unreachable.refused(), v6.toString());
    }

    @Test
    void aFullyQualifiedNameWithItsTrailingDotIsAskedAsTheName() throws Exception {
        https.on("/rooted/announce", exchange -> reply(exchange, 200, Bencoded.dict("interval", 60, "peers", "")));
        HttpTrackerClient client = new HttpTrackerClient(
                scheduler,
                HttpTrackerConfig.defaults(),
                Option.some(trustingOurCertificate),
                host -> List.of(InetAddress.getByName("127.0.0.1")));

        Either<TrackerFailure, AnnounceResponse> outcome =
                announceTo(client, "https://" + NAMED + ".:" + https.port() + "/rooted/announce");

        assertTrue(outcome.isRight(), () -> outcome.getLeft().message());
        assertTrue(SERVER_NAMES.contains(NAMED), "SNI has no trailing dot: " + SERVER_NAMES);
    }

    @Test
    void anAddressIsJudgedByTheCertificateOfTheNameNotOfTheAddress() throws Exception {
        https.on("/other/announce", exchange -> reply(exchange, 200, Bencoded.dict("interval", 60, "peers", "")));
        TrackerProbe probe = new HttpTrackerClient(
                        scheduler,
                        HttpTrackerConfig.defaults(),
                        Option.some(trustingOurCertificate),
                        host -> List.of(InetAddress.getByName("127.0.0.1")))
                .probe();
        TrackerUrl notInCertificate = TrackerUrl.of("https://other.peerscout.test:" + https.port() + "/other/announce");

        TrackerFailure failure = probe.announce(
                        notInCertificate,
                        InetAddress.getByName("127.0.0.1"),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        scheduler.now().plusSeconds(10))
                .get(10, TimeUnit.SECONDS)
                .outcome()
                .getLeft();

        assertTrue(failure.message().startsWith("unreachable: TLS failed: "), failure.message());
        assertEquals(List.of(), https.requests("/other/announce"));
    }

    private HttpTrackerClient trusting() {
        return new HttpTrackerClient(scheduler, HttpTrackerConfig.defaults(), Option.some(trustingOurCertificate));
    }

    private Either<TrackerFailure, AnnounceResponse> announceTo(HttpTrackerClient client, String url) throws Exception {
        return client.announce(
                        TrackerUrl.of(url),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        scheduler.now().plusSeconds(10))
                .get(10, TimeUnit.SECONDS);
    }

    /** A key pair for 127.0.0.1 and {@link #NAMED}, made with the running JDK's keytool (the JDK has no API for certificates). */
    private static KeyStore selfSignedKeyStore(Path file)
            throws IOException, InterruptedException, java.security.GeneralSecurityException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-keyalg",
                        "EC",
                        "-alias",
                        "tracker",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "san=ip:127.0.0.1,dns:" + NAMED,
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
