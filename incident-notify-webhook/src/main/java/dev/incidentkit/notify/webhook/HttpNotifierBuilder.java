package dev.incidentkit.notify.webhook;

import dev.incidentkit.notify.webhook.internal.Settings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * What the builder of every built-in HTTP notifier sets. Each setter checks its argument at once
 * and throws {@link IllegalArgumentException} naming what is wrong.
 *
 * @param <B> the concrete builder, returned by each setter
 * @since 0.1.0
 */
public abstract class HttpNotifierBuilder<B extends HttpNotifierBuilder<B>> {

    final Settings settings;

    HttpNotifierBuilder(String defaultName) {
        this.settings = new Settings(defaultName);
    }

    /** @return this builder, as its own type */
    abstract B self();

    /**
     * @param name the notifier's stable name, such as {@code slack-oncall}: lower case letters,
     *     digits, {@code .}, {@code _}, {@code -}, at most 64 characters. It keys the notifier's
     *     checkpoint and dead letters in the store.
     * @return this builder
     * @throws IllegalArgumentException if the name has another form
     */
    public B name(String name) {
        settings.name(name);
        return self();
    }

    /**
     * @param timeout the deadline of each request, connecting and reading included; default 10 s
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public B timeout(Duration timeout) {
        settings.timeout(timeout);
        return self();
    }

    /**
     * @param httpClient a client of the host's (proxy, TLS, executor); the host closes it. By
     *     default the notifier makes its own, which follows no redirects.
     * @return this builder
     */
    public B httpClient(HttpClient httpClient) {
        settings.httpClient(httpClient);
        return self();
    }

    /**
     * @param redactor masks secrets in the text that leaves the process; default {@link Redactor#none()}
     * @return this builder
     */
    public B redactor(Redactor redactor) {
        settings.redactor(redactor);
        return self();
    }

    /**
     * @param clock the clock that {@code Retry-After} dates (and signature timestamps) are
     *     measured against; default UTC
     * @return this builder
     */
    public B clock(Clock clock) {
        settings.clock(clock);
        return self();
    }
}
