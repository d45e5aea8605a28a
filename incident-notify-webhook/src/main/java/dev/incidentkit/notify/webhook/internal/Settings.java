package dev.incidentkit.notify.webhook.internal;

import dev.incidentkit.notify.webhook.Redactor;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What every notifier's builder sets: name, timeout, HTTP client, redactor, clock; checked on set. */
public final class Settings {

    private String name;
    private Duration timeout = HttpDelivery.DEFAULT_TIMEOUT;
    private @Nullable HttpClient httpClient;
    private Redactor redactor = Redactor.none();
    private Clock clock = Clock.systemUTC();

    /** @param defaultName the notifier's name unless the host sets one */
    public Settings(String defaultName) {
        this.name = Checks.name(defaultName);
    }

    /** @param name see {@link Checks#name} */
    public void name(String name) {
        this.name = Checks.name(name);
    }

    /** @param timeout see {@link Checks#timeout} */
    public void timeout(Duration timeout) {
        this.timeout = Checks.timeout(timeout);
    }

    /** @param httpClient the host's client */
    public void httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    }

    /** @param redactor the redactor for user text */
    public void redactor(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** @param clock the clock for {@code Retry-After} dates and signature timestamps */
    public void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the notifier's name */
    public String name() {
        return name;
    }

    /** @return the redactor */
    public Redactor redactor() {
        return redactor;
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return a sender with these settings, owning its client unless the host gave one */
    public HttpDelivery delivery() {
        return new HttpDelivery(httpClient, timeout, clock);
    }
}
