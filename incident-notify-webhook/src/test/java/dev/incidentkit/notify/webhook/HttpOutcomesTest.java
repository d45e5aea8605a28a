package dev.incidentkit.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How every notifier maps what the destination does to a delivery result, against a real server. */
@DisplayName("HTTP outcomes, for every notifier")
class HttpOutcomesTest {

    static final Instant NOW = Instant.parse("2025-03-01T14:31:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration SHORT = Duration.ofMillis(200);

    private final LoopbackServer server = new LoopbackServer();
    private final Notification declared = TestNotifications.notification().type("incident.declared").status("open").build();

    @AfterEach
    void stopServer() {
        server.close();
    }

    static Stream<Arguments> notifiers() {
        BiFunction<URI, Duration, Notifier> webhook = (uri, timeout) ->
                CloudEventsWebhookNotifier.builder(uri).timeout(timeout).clock(CLOCK).build();
        BiFunction<URI, Duration, Notifier> structured = (uri, timeout) -> CloudEventsWebhookNotifier.builder(uri)
                .mode(CloudEventsWebhookNotifier.Mode.STRUCTURED).signingSecret("0123456789abcdef0123")
                .timeout(timeout).clock(CLOCK).build();
        BiFunction<URI, Duration, Notifier> slack = (uri, timeout) ->
                SlackNotifier.builder(uri).timeout(timeout).clock(CLOCK).build();
        BiFunction<URI, Duration, Notifier> teams = (uri, timeout) ->
                TeamsNotifier.builder(uri).timeout(timeout).clock(CLOCK).build();
        BiFunction<URI, Duration, Notifier> pagerDuty = (uri, timeout) ->
                PagerDutyNotifier.builder("R0UT1NGKEY0123456789abcdefABCDEF").endpoint(uri).timeout(timeout).clock(CLOCK).build();
        return Stream.of(
                Arguments.of("cloudevents binary", webhook),
                Arguments.of("cloudevents structured, signed", structured),
                Arguments.of("slack", slack),
                Arguments.of("teams", teams),
                Arguments.of("pagerduty", pagerDuty));
    }

    private DeliveryResult deliver(BiFunction<URI, Duration, Notifier> factory) {
        return deliver(factory, server.uri("/hook"), Duration.ofSeconds(5));
    }

    private DeliveryResult deliver(BiFunction<URI, Duration, Notifier> factory, URI uri, Duration timeout) {
        try (Notifier notifier = factory.apply(uri, timeout)) {
            return notifier.deliver(declared);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void every2xxIsDelivered(String name, BiFunction<URI, Duration, Notifier> factory) {
        server.answer(200, "ok");
        assertThat(deliver(factory)).isEqualTo(DeliveryResult.delivered());
        server.answer(202, "{\"status\":\"success\"}");
        assertThat(deliver(factory)).isEqualTo(DeliveryResult.delivered());
        server.answer(204, "");
        assertThat(deliver(factory)).isEqualTo(DeliveryResult.delivered());
        assertThat(server.requests()).hasSize(3).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void tooManyRequestsIsRetriedAfterTheRetryAfterSeconds(String name, BiFunction<URI, Duration, Notifier> factory) {
        server.answer(429, "rate_limited", "Retry-After", "30");

        DeliveryResult result = deliver(factory);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.RetryLater.class, r -> {
            assertThat(r.delay()).contains(Duration.ofSeconds(30));
            assertThat(r.reason()).contains("HTTP 429").contains("rate_limited");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void tooManyRequestsIsRetriedAfterTheRetryAfterDate(String name, BiFunction<URI, Duration, Notifier> factory) {
        server.answer(429, "", "Retry-After", "Sat, 01 Mar 2025 14:32:30 GMT");

        DeliveryResult result = deliver(factory);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                r -> assertThat(r.delay()).contains(Duration.ofSeconds(90)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void tooManyRequestsWithoutRetryAfterLeavesTheDelayToTheDispatcher(String name, BiFunction<URI, Duration, Notifier> factory) {
        server.answer(429, "slow down");

        assertThat(deliver(factory)).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                r -> assertThat(r.delay()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void serverErrorsAndRequestTimeoutAreRetried(String name, BiFunction<URI, Duration, Notifier> factory) {
        server.answer(503, "down for maintenance", "Retry-After", "120");
        assertThat(deliver(factory)).isEqualTo(DeliveryResult.retryLater(
                "HTTP 503 from " + describe(server.uri("/")) + ": down for maintenance", Duration.ofSeconds(120)));
        server.answer(500, "boom");
        assertThat(deliver(factory)).isEqualTo(DeliveryResult.retryLater(
                "HTTP 500 from " + describe(server.uri("/")) + ": boom"));
        server.answer(408, "");
        assertThat(deliver(factory)).isEqualTo(DeliveryResult.retryLater("HTTP 408 from " + describe(server.uri("/"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void otherClientErrorsFailForGood(String name, BiFunction<URI, Duration, Notifier> factory) {
        server.answer(404, "no_service");
        assertThat(deliver(factory)).isEqualTo(DeliveryResult.failed("HTTP 404 from " + describe(server.uri("/")) + ": no_service"));
        server.answer(400, "{\"status\":\"invalid event\",\n\"errors\":[\"bad\"]}");
        assertThat(deliver(factory)).isEqualTo(DeliveryResult.failed(
                "HTTP 400 from " + describe(server.uri("/")) + ": {\"status\":\"invalid event\", \"errors\":[\"bad\"]}"));
        server.answer(301, "", "Location", "https://elsewhere.example/hook");
        assertThat(deliver(factory)).isInstanceOfSatisfying(DeliveryResult.Failed.class,
                f -> assertThat(f.reason()).contains("HTTP 301").contains("redirects are not followed"));
        assertThat(server.requests()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void aHugeErrorBodyIsQuotedShortly(String name, BiFunction<URI, Duration, Notifier> factory) {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        server.answerBytes(400, body);

        DeliveryResult result = deliver(factory);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> {
            assertThat(f.reason()).startsWith("HTTP 400 from").endsWith("x…");
            assertThat(f.reason()).hasSizeLessThan(300);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void aHangingServerIsRetriedAfterTheTimeout(String name, BiFunction<URI, Duration, Notifier> factory) {
        server.hang();

        DeliveryResult result = deliver(factory, server.uri("/hook"), SHORT);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.RetryLater.class, r -> {
            assertThat(r.reason()).contains("no answer from").contains("within PT0.2S");
            assertThat(r.delay()).isEmpty();
        });
        assertThat(server.requests()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void aRefusedConnectionIsRetried(String name, BiFunction<URI, Duration, Notifier> factory) {
        URI refusing = LoopbackServer.refusingUri();

        DeliveryResult result = deliver(factory, refusing, Duration.ofSeconds(5));

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                r -> assertThat(r.reason()).startsWith("could not connect to " + describe(refusing)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void anInterruptedCallIsRetriedAndKeepsTheInterrupt(String name, BiFunction<URI, Duration, Notifier> factory) {
        server.hang();
        Thread.currentThread().interrupt();
        DeliveryResult result;
        try {
            result = deliver(factory, server.uri("/hook"), Duration.ofSeconds(5));
        } finally {
            assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
        }
        assertThat(result).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                r -> assertThat(r.reason()).startsWith("interrupted while waiting for"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifiers")
    void theWebhookPathNeverAppearsInAReason(String name, BiFunction<URI, Duration, Notifier> factory) {
        server.answer(403, "invalid_token");
        URI secret = server.uri("/services/T000/B000/XXXXSECRETXXXX");

        DeliveryResult result = deliver(factory, secret, Duration.ofSeconds(5));

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class,
                f -> assertThat(f.reason()).doesNotContain("SECRET").doesNotContain("/services"));
        assertThat(server.onlyRequest().path()).isEqualTo("/services/T000/B000/XXXXSECRETXXXX");
        try (Notifier notifier = factory.apply(secret, SHORT)) {
            assertThat(notifier.toString()).doesNotContain("SECRET").contains("127.0.0.1");
        }
    }

    private static String describe(URI uri) {
        return "http://127.0.0.1:" + uri.getPort();
    }
}
