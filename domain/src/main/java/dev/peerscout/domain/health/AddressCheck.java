package dev.peerscout.domain.health;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.port.TrackerProbe;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One tracker address checked once: announce ({@code started}), scrape, then {@code stopped}.
 *
 * @param address     none when the name did not resolve or the URL is unusable
 * @param error       the tracker's error text (status {@code error}) or why it failed
 * @param warning     the tracker's warning text on a successful announce
 * @param connect     UDP connect time; none for HTTP and when no connection id was obtained
 * @param announce    announce time, when the tracker answered it
 * @param scrapeTook  scrape time, when the tracker answered it
 * @param scrape      {@code ok}, {@code unsupported} or the failure; none when not tried (the
 *                    tracker did not answer the announce)
 */
public record AddressCheck(
        Option<InetAddress> address,
        CheckStatus status,
        Option<String> error,
        Option<String> warning,
        Option<Duration> connect,
        Option<Duration> announce,
        Option<Duration> scrapeTook,
        Option<Duration> interval,
        Option<Duration> minInterval,
        Option<String> scrape) {

    public AddressCheck {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(announce, "announce");
        Objects.requireNonNull(scrapeTook, "scrapeTook");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(scrape, "scrape");
    }

    /** A check that ended before any answer: no times, no scrape. */
    static AddressCheck failed(Option<InetAddress> address, CheckStatus status, String why) {
        return new AddressCheck(
                address,
                status,
                Option.some(why),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none());
    }

    /** The check of an address whose announce ended, answered or not; with the scrape, when one was tried. */
    static AddressCheck afterAnnounce(
            InetAddress address,
            TrackerProbe.Step<AnnounceResponse> announce,
            Option<TrackerProbe.Step<ScrapeResponse>> scrape) {
        Either<TrackerFailure, AnnounceResponse> outcome = announce.outcome();
        CheckStatus status = outcome.fold(CheckStatus::of, ok -> CheckStatus.OK);
        Option<String> error = outcome.fold(failure -> Option.some(why(failure)), ok -> Option.none());
        Option<AnnounceResponse> response = outcome.toOption();
        return new AddressCheck(
                Option.some(address),
                status,
                error,
                response.flatMap(AnnounceResponse::warning),
                announce.connect(),
                status.alive() ? Option.some(announce.took()) : Option.none(),
                scrape.filter(step -> step.outcome().isRight()).map(TrackerProbe.Step::took),
                response.map(AnnounceResponse::interval),
                response.flatMap(AnnounceResponse::minInterval),
                scrape.map(step -> step.outcome().fold(AddressCheck::scrapeFailure, ok -> "ok")));
    }

    /** The tracker's own text for an error; the detail for a refusal (the status already says refused). */
    private static String why(TrackerFailure failure) {
        if (failure instanceof TrackerFailure.Rejected rejected) {
            return rejected.reason();
        }
        if (failure instanceof TrackerFailure.Unreachable unreachable && unreachable.refused()) {
            return unreachable.detail();
        }
        return failure.message();
    }

    private static String scrapeFailure(TrackerFailure failure) {
        if (failure instanceof TrackerFailure.Unsupported) {
            return "unsupported";
        }
        CheckStatus status = CheckStatus.of(failure);
        return status == CheckStatus.ERROR ? "error: " + ((TrackerFailure.Rejected) failure).reason() : status.label();
    }

    public Option<AddressFamily> family() {
        return address.map(AddressFamily::of);
    }

    public boolean alive() {
        return status.alive();
    }

    /** Connect plus announce, for a tracker that answered: what people mean by a tracker's latency. */
    public Option<Duration> latency() {
        return alive() ? announce.map(took -> took.plus(connect.getOrElse(Duration.ZERO))) : Option.none();
    }
}
