package dev.incidentkit.web.internal.status;

import dev.incidentkit.core.statuspage.StatusPage;
import dev.incidentkit.core.statuspage.StatusPages;
import dev.incidentkit.web.internal.pages.Templates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page as last read, with its three representations rendered, for {@link #REFRESH}
 * by the server's clock: however many requests come, the store is read at most once per period.
 * A read that fails while an earlier page is kept serves that page again (a status page should
 * stay up while the store it reads is the incident), logged, and tried again after the next
 * period. Thread-safe: one read at a time, the others wait for it.
 */
final class StatusCache {

    /**
     * How long a page read is served: short against the {@code max-age} of the responses
     * ({@link StatusPageHandler#MAX_AGE}), so that a new update reaches a client within both.
     */
    static final Duration REFRESH = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(StatusCache.class);

    /**
     * One representation.
     *
     * @param contentType its media type
     * @param body its bytes
     * @param etag its strong entity tag: a hash of the bytes
     */
    record Representation(String contentType, byte[] body, String etag) {
        static Representation of(String contentType, byte[] body) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
                return new Representation(contentType, body, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The page and its representations.
     *
     * @param page what was read
     * @param html the HTML page
     * @param json the JSON document
     * @param atom the Atom feed
     */
    record Snapshot(StatusPage page, Representation html, Representation json, Representation atom) {}

    private final StatusPages pages;
    private final String title;
    private final Clock clock;
    private final String css;
    private final String icon;
    private Optional<Snapshot> current = Optional.empty();
    private Instant readAt = Instant.MIN;
    private Optional<Instant> since = Optional.empty();
    private Optional<Instant> failedAt = Optional.empty();
    /** Whether a thread is reading the page: the others serve the page kept meanwhile. */
    private boolean refreshing;
    /** Held by the one thread that reads the page. */
    private final Object reading = new Object();

    /** No page to serve: the last read failed less than {@link #REFRESH} ago, and none was read before. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable() {
            super("the status page could not be read a moment ago", null, false, false);
        }
    }

    StatusCache(StatusPages pages, String title, Clock clock, String css, String icon) {
        this.pages = pages;
        this.title = title;
        this.clock = clock;
        this.css = css;
        this.icon = icon;
    }

    /**
     * @return the page, read again if the one kept is {@link #REFRESH} old (or from the future, the
     *     clock set back). One thread reads at a time; while it does, the others get the page kept,
     *     so that customers flooding the page during an outage never wait on a slow store (only the
     *     very first read, with no page kept yet, is waited for).
     * @throws Unavailable if no page was ever read and the last read failed less than {@link #REFRESH} ago
     *     (so that a flood does not hammer a failing store either)
     * @throws RuntimeException what the read threw, if no earlier page is kept
     */
    Snapshot current() {
        synchronized (this) {
            Optional<Snapshot> kept = kept(clock.instant());
            if (kept.isPresent()) {
                return kept.get();
            }
            if (refreshing && current.isPresent()) {
                return current.get();
            }
        }
        synchronized (reading) {
            Instant now;
            Optional<Instant> from;
            synchronized (this) {
                now = clock.instant();
                Optional<Snapshot> kept = kept(now);
                if (kept.isPresent()) {
                    return kept.get();   // read by the thread we waited for
                }
                refreshing = true;
                from = since;
            }
            try {
                Snapshot read = render(pages.read(), from.orElse(now));
                synchronized (this) {
                    current = Optional.of(read);
                    since = Optional.of(from.orElse(now));
                    failedAt = Optional.empty();
                    readAt = now;
                    return read;
                }
            } catch (RuntimeException | StackOverflowError e) {
                synchronized (this) {
                    failedAt = Optional.of(now);
                    if (current.isEmpty()) {
                        throw e;
                    }
                    LOG.warn("Reading the status page failed; the page read at {} is served for another {} s", readAt,
                            REFRESH.toSeconds(), e);
                    readAt = now;
                    return current.get();
                }
            } finally {
                synchronized (this) {
                    refreshing = false;
                }
            }
        }
    }

    /**
     * @return the page kept, while it is fresh
     * @throws Unavailable if there is none and the last read failed a moment ago
     */
    private Optional<Snapshot> kept(Instant now) {
        if (current.isPresent() && !now.isBefore(readAt) && now.isBefore(readAt.plus(REFRESH))) {
            return current;
        }
        if (current.isEmpty() && failedAt.isPresent() && !now.isBefore(failedAt.get())
                && now.isBefore(failedAt.get().plus(REFRESH))) {
            throw new Unavailable();
        }
        return Optional.empty();
    }

    private Snapshot render(StatusPage page, Instant since) {
        String html = Templates.render("status.jte", StatusView.of(page, title, css, icon));
        return new Snapshot(page, Representation.of(StatusPageHandler.HTML, html.getBytes(StandardCharsets.UTF_8)),
                Representation.of(StatusPageHandler.JSON, StatusFormats.json(page, title)),
                Representation.of(StatusPageHandler.ATOM, StatusFormats.atom(page, title, since)));
    }
}
