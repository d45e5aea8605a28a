package dev.incidentkit.notify.webhook.internal;

import dev.incidentkit.notify.spi.DeliveryResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one POST with a deadline and maps what happens to a {@link DeliveryResult}: 2xx is
 * delivered; 408, 429 and 5xx are retried later, after the {@code Retry-After} delay when there is
 * one; every other status fails; a timeout, a refused connection or any other I/O error is retried
 * later; an interrupt is retried later with the thread's interrupt flag set again.
 *
 * <p>The deadline covers the whole exchange, connecting and reading the (bounded) body included.
 * Thread-safe.
 */
public final class HttpDelivery implements AutoCloseable {

    /** The default request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The most bytes of a response body kept, for the excerpt in a failure's reason. */
    static final int MAX_BODY_BYTES = 8 * 1024;
    /** The most characters of a response body quoted in a failure's reason. */
    static final int MAX_EXCERPT = 200;

    private static final String USER_AGENT = "IncidentKit-Notifier/0.1";
    private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);

    private final HttpClient client;
    private final boolean ownsClient;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param client the host's client, or {@code null} for one of this notifier's own (no redirects
     *     followed, connect timeout = {@code timeout})
     * @param timeout the deadline of each request
     * @param clock the clock a {@code Retry-After} date is measured against
     */
    public HttpDelivery(@Nullable HttpClient client, Duration timeout, Clock clock) {
        this.ownsClient = client == null;
        this.client = client != null
                ? client
                : HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    /** @return the deadline of each request */
    public Duration timeout() {
        return timeout;
    }

    /**
     * @param uri where to POST
     * @param headers the request headers, in order
     * @param body the request body
     * @return the outcome, never an exception
     */
    public DeliveryResult post(URI uri, Map<String, String> headers, byte[] body) {
        String where = Describe.uri(uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // Over cleartext the JDK would offer an h2c upgrade on every request, which few receivers
            // support and some mishandle with a body; over TLS, ALPN negotiates HTTP/2 safely.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = client.sendAsync(request.build(), info -> new BoundedBodySubscriber(MAX_BODY_BYTES));
        } catch (RuntimeException e) {
            // A client the host shut down, say: the SPI treats this as transient too.
            return logged(where, DeliveryResult.retryLater("could not send to " + where + ": " + e));
        }
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return logged(where, classify(response.statusCode(), response.headers(), response.body(), where));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return logged(where, DeliveryResult.retryLater("no answer from " + where + " within " + timeout));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return logged(where, DeliveryResult.retryLater("interrupted while waiting for " + where));
        } catch (ExecutionException e) {
            return logged(where, DeliveryResult.retryLater(describeFailure(e.getCause(), where)));
        }
    }

    private String describeFailure(@Nullable Throwable failure, String where) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return "no answer from " + where + " within " + timeout;
            }
            if (t instanceof ConnectException) {
                return "could not connect to " + where + " (" + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return "I/O error talking to " + where + ": " + t;
            }
        }
        return "failed to talk to " + where + ": " + failure;
    }

    /**
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the (bounded) response body
     * @param where the destination, for the reason
     * @return the outcome the status means
     */
    DeliveryResult classify(int status, HttpHeaders headers, byte[] body, String where) {
        if (status >= 200 && status <= 299) {
            return DeliveryResult.delivered();
        }
        String excerpt = excerpt(body);
        String reason = "HTTP " + status + " from " + where + (excerpt.isEmpty() ? "" : ": " + excerpt);
        if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
            Optional<Duration> delay = headers.firstValue("Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            return delay.map(d -> DeliveryResult.retryLater(reason, d))
                    .orElseGet(() -> DeliveryResult.retryLater(reason));
        }
        if (status >= 300 && status <= 399) {
            return DeliveryResult.failed(reason + " (redirects are not followed: configure the final URI)");
        }
        return DeliveryResult.failed(reason);
    }

    /**
     * @param body a response body
     * @return at most {@value #MAX_EXCERPT} characters of it on one line, control characters blanked
     */
    static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_EXCERPT + 1));
        boolean space = false;
        int count = 0;
        int i = 0;
        while (i < text.length() && count < MAX_EXCERPT) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isISOControl(cp) || UserText.isInvisibleControl(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                count++;
                space = false;
            }
            out.appendCodePoint(cp);
            count++;
        }
        if (i < text.length() && !text.substring(i).isBlank()) {
            out.append('…');
        }
        return out.toString();
    }

    private static DeliveryResult logged(String where, DeliveryResult result) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("POST to {}: {}", where, result);
        }
        return result;
    }

    /** Closes the client if this object made it and the JDK can close one (Java 21 and later). */
    @Override
    public void close() {
        if (ownsClient && client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the HTTP client failed", e);
            }
        }
    }
}
