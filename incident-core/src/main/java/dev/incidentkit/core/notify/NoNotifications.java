package dev.incidentkit.core.notify;

import dev.incidentkit.notify.spi.DeliveryResult;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** The notifications of a manager without notifiers. */
final class NoNotifications implements Notifications {

    static final NoNotifications INSTANCE = new NoNotifications();

    private NoNotifications() {}

    @Override
    public List<String> notifiers() {
        return List.of();
    }

    @Override
    public List<DeadLetter> deadLetters(String notifier) {
        throw unknown(notifier);
    }

    @Override
    public DeliveryResult replay(String notifier, UUID eventId) {
        throw unknown(notifier);
    }

    @Override
    public NotifierStatus status(String notifier) {
        throw unknown(notifier);
    }

    @Override
    public String processId() {
        return "";
    }

    @Override
    public Set<String> contactKinds() {
        return Set.of();
    }

    /** Without notifiers no page is delivered or dead-lettered: nothing is ever told. */
    @Override
    public void addUndeliverablePageListener(Consumer<UndeliverablePage> listener) {
        Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void removeUndeliverablePageListener(Consumer<UndeliverablePage> listener) {}

    private static IllegalArgumentException unknown(String notifier) {
        return new IllegalArgumentException("no notifier named " + notifier + ": this manager has no notifiers");
    }
}
