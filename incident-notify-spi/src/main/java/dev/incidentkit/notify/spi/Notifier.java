package dev.incidentkit.notify.spi;

import java.util.Set;

/**
 * Delivers incident notifications to one destination: a chat channel, a pager, a webhook.
 *
 * <p>The contract:
 *
 * <ul>
 *   <li><b>Threads.</b> The dispatcher calls {@link #deliver} from a thread of its own, one
 *       notification at a time per notifier, so an implementation needs no locking of its own
 *       unless it shares state with other objects. It may block (an HTTP call, say): the
 *       dispatcher bounds each call with a timeout and never lets one notifier hold up a command
 *       or another notifier.
 *   <li><b>At least once.</b> The same notification may arrive more than once (after a crash or a
 *       retry). {@link Notification#id()} is stable across attempts: use it as the idempotency key
 *       where the destination supports one.
 *   <li><b>Order.</b> Notifications of one incident arrive in the order their events were
 *       recorded; notifications of different incidents may interleave.
 *   <li><b>Results, not exceptions.</b> Answer with {@link DeliveryResult#delivered()}, {@link
 *       DeliveryResult#retryLater(String)} for a transient failure, or {@link
 *       DeliveryResult#failed(String)} for one that no retry can fix. Anything thrown from {@code
 *       deliver}, an {@link Error} such as {@code NoSuchMethodError} or {@code
 *       StackOverflowError} included, is treated as a transient failure; only an error the JVM
 *       may not survive ({@code OutOfMemoryError}, {@code InternalError}) stops delivery.
 * </ul>
 *
 * <p>An implementation found by {@link java.util.ServiceLoader} needs a public no-argument
 * constructor; it typically reads its settings from system properties or the environment.
 *
 * @since 0.1.0
 */
public interface Notifier extends AutoCloseable {

    /**
     * The name of this notifier: stable across restarts, since the dispatcher keys its stored
     * checkpoint and dead letters by it. Lower case letters, digits, {@code .}, {@code _} and
     * {@code -}, for example {@code slack-oncall}.
     *
     * @return the notifier's name, never blank
     */
    String name();

    /**
     * Delivers one notification.
     *
     * @param notification what happened, never {@code null}
     * @return the outcome of this attempt, never {@code null}
     */
    DeliveryResult deliver(Notification notification);

    /**
     * The kinds of contact method this notifier can reach a person at, such as {@code slack} or
     * {@code pagerduty} (each {@code [a-z0-9][a-z0-9._-]{0,62}}, as {@link Recipient#kind()}). For
     * a page ({@code incident.paged}) to one of these kinds, the dispatcher gives this notifier the
     * notification with a {@linkplain Notification#recipient() recipient}, whatever the notifier's
     * route, and this notifier must deliver it to that recipient's address (see {@link
     * Notification}). A kind that two notifiers of one dispatcher name pages through the first
     * registered only.
     *
     * <p>Read once, when the dispatcher is built: the answer must not change afterwards. The
     * default, no kinds, leaves this notifier out of paging; pages then reach it, if its route
     * takes them, as news without a recipient.
     *
     * @return the kinds, possibly none, never {@code null}
     * @since 0.4.0
     */
    default Set<String> contactKinds() {
        return Set.of();
    }

    /**
     * Releases what this notifier holds (connections, threads). Called once, when the dispatcher
     * stops. The default does nothing.
     */
    @Override
    default void close() {}
}
