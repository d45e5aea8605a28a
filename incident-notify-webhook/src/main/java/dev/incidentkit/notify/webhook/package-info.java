/**
 * IncidentKit's built-in notifiers over {@code java.net.http}: {@link
 * dev.incidentkit.notify.webhook.CloudEventsWebhookNotifier} (the CloudEvents HTTP binding, binary or
 * structured, optionally HMAC-signed), {@link dev.incidentkit.notify.webhook.SlackNotifier} (an
 * incoming webhook, Block Kit), {@link dev.incidentkit.notify.webhook.TeamsNotifier} (an incoming
 * webhook, an Adaptive Card) and {@link dev.incidentkit.notify.webhook.PagerDutyNotifier} (Events
 * API v2).
 *
 * <p>Each is built explicitly with its builder and registered with the IncidentKit builder; none is
 * listed for {@link java.util.ServiceLoader}, since none can work without a destination and a
 * secret that only the host knows. Each sends one HTTP request per notification, bounded by its
 * timeout, and maps the outcome to a {@link dev.incidentkit.notify.spi.DeliveryResult}: a 2xx answer
 * is delivered; 408, 429 and 5xx answers, timeouts and I/O errors are retried later (after the
 * {@code Retry-After} delay when the destination gives one); any other answer is failed. User text
 * goes through a {@link dev.incidentkit.notify.webhook.Redactor} and is escaped for the destination's
 * format, so that it can neither mention, nor link, nor format.
 */
@NullMarked
package dev.incidentkit.notify.webhook;

import org.jspecify.annotations.NullMarked;
