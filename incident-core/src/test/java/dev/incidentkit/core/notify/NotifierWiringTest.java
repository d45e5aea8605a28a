package dev.incidentkit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.spi.UnsupportedEventStore;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the builder checks about notifiers before anything starts. */
class NotifierWiringTest {

    /** A store written before notifications: no delivery state. Nothing here reads it. */
    static final class OldStore extends UnsupportedEventStore {}

    @Test
    void aStoreWithoutDeliveryStateTakesNoNotifier() {
        assertThat(new OldStore().deliveryStore()).isEmpty();
        IncidentKit.Builder b = IncidentKit.builder().store(new OldStore()).notifier(new LoggingNotifier());
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delivery state").hasMessageContaining(OldStore.class.getName());
    }

    @Test
    void withoutNotifiersAnOldStoreWorksAndTheViewListsNone() {
        try (IncidentManager m = IncidentKit.builder().store(new OldStore()).build()) {
            Notifications n = m.notifications();
            assertThat(n.notifiers()).isEmpty();
            assertThat(n.processId()).isEmpty();
            assertThatThrownBy(() -> n.status("log")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log");
            assertThatThrownBy(() -> n.deadLetters("log")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> n.replay("log", UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("incidentkit-notifier-"));
    }

    @Test
    void namesMustBeWellFormedAndUnique() {
        IncidentKit.Builder b = IncidentKit.builder().notifier(new LoggingNotifier("slack"));
        assertThatThrownBy(() -> b.notifier(new LoggingNotifier("slack"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slack").hasMessageContaining("unique");
        dev.incidentkit.notify.spi.Notifier badName = new dev.incidentkit.notify.spi.Notifier() {
            @Override
            public String name() {
                return "Slack Alerts";
            }

            @Override
            public dev.incidentkit.notify.spi.DeliveryResult deliver(dev.incidentkit.notify.spi.Notification n) {
                return dev.incidentkit.notify.spi.DeliveryResult.delivered();
            }
        };
        assertThatThrownBy(() -> b.notifier(badName)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Slack Alerts");
    }

    @Test
    void linksAndProcessIdsAreChecked() {
        IncidentKit.Builder b = IncidentKit.builder();
        assertThatThrownBy(() -> b.incidentLinks(URI.create("incidents/"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> b.processId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.processId("has space")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has space");
        assertThat(b.processId("web-1:4711")).isSameAs(b);
    }
}
