package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link NotificationContract}: restarts. */
abstract class NotificationRestartsTests extends NotificationHarness {

    @Test
    @DisplayName("closed mid-stream and started again, a notifier gets every event exactly once in all")
    void cleanRestart() throws InterruptedException {
        CountDownLatch atEleven = new CountDownLatch(1);
        CountDownLatch go = gate();
        List<String> before = new CopyOnWriteArrayList<>();
        Notifier first = new Named("log", n -> {
            before.add(n.id());
            if (before.size() == 11) {
                atEleven.countDown();
                awaitUninterruptibly(go);
            }
            return DeliveryResult.delivered();
        });
        // No drain: the close stops after the call in hand, as a crash would.
        IncidentManager a = manager(process(false), "p1", fast().drainTimeout(Duration.ZERO).build(),
                b -> b.notifier(first));
        for (int i = 0; i < 3; i++) {
            Incident inc = a.declare(Declare.of("Restart " + i, Severity.SEV2, "checkout"), ALICE);
            for (int j = 0; j < 9; j++) {
                a.addNote(inc.id(), "note " + j, ALICE);
            }
        }
        await("the 11th delivery is in progress", () -> atEleven.getCount() == 0);
        closeWhileHeld(a, go);
        assertThat(before).as("stopped after the call in hand").hasSize(11);

        Recorder second = new Recorder("log");
        IncidentManager b2 = manager(process(false), "p2", fast().build(), b -> b.notifier(second));
        awaitHandled(b2, "log");
        List<String> all = ids(allEvents());
        assertThat(all).hasSize(30);
        List<String> together = new ArrayList<>(before);
        together.addAll(second.ids());
        assertThat(together).containsExactlyElementsOf(all);
    }
}
