package dev.incidentkit.core.internal;

import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.spi.Notifier;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The notification part of a manager's settings.
 *
 * @param notifiers each notifier with its route, names unique, in registration order
 * @param delivery how to deliver
 * @param incidentLinks the base of each incident's link, if the host gave one
 * @param processId the name this process takes leases under
 * @param waiters a waiter for each notifier, by name
 */
public record NotificationSettings(
        List<RoutedNotifier> notifiers,
        DeliverySettings delivery,
        Optional<URI> incidentLinks,
        String processId,
        Function<String, Waiter> waiters) {

    /** A notifier and the events it receives. */
    public record RoutedNotifier(Notifier notifier, Route route) {
        public RoutedNotifier {
            Objects.requireNonNull(notifier, "notifier");
            Objects.requireNonNull(route, "route");
        }
    }

    public NotificationSettings {
        notifiers = List.copyOf(notifiers);
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(incidentLinks, "incidentLinks");
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(waiters, "waiters");
    }

    /** @return the settings of a manager without notifiers */
    public static NotificationSettings none() {
        return new NotificationSettings(List.of(), DeliverySettings.ofDefaults(), Optional.empty(), "",
                name -> Waiter.monitor());
    }
}
