package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.NotifierStatus;
import dev.incidentkit.notify.spi.Notification;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link NotificationContract}: several processes on one store. */
abstract class NotificationProcessesTests extends NotificationHarness {

    @Test
    @DisplayName("two processes with the same notifier deliver each event once in total; a clean close hands over at once")
    void twoProcesses() {
        List<Notification> delivered = new CopyOnWriteArrayList<>();
        ProcessStore storeA = process(false);
        ProcessStore storeB = process(false);
        IncidentManager a = manager(storeA, "process-a", fast().build(), b -> b.notifier(new Recorder("pager", delivered)));
        IncidentManager b = manager(storeB, "process-b", fast().build(), x -> x.notifier(new Recorder("pager", delivered)));
        for (int i = 0; i < 10; i++) {
            IncidentManager declarer = i % 2 == 0 ? a : b;
            IncidentManager noter = i % 2 == 0 ? b : a;
            Incident inc = declarer.declare(Declare.of("Shared " + i, Severity.SEV2, "checkout"), ALICE);
            noter.addNote(inc.id(), "from the other process", BOB);
        }
        awaitHandled(a, "pager");
        assertThat(ids(delivered)).containsExactlyElementsOf(ids(allEvents()));

        NotifierStatus fromA = a.notifications().status("pager");
        assertThat(b.notifications().status("pager")).isEqualTo(fromA);
        String holder = fromA.leaseOwner().orElseThrow();
        assertThat(holder).isIn("process-a", "process-b");
        IncidentManager holding = holder.equals("process-a") ? a : b;
        IncidentManager waiting = holding == a ? b : a;
        assertThat((holding == a ? storeB : storeA).refusedLeases).as("the other process was refused").hasPositiveValue();

        holding.close();
        Incident later = waiting.declare(Declare.of("After the handover", Severity.SEV2, "checkout"), ALICE);
        waiting.addNote(later.id(), "still once", ALICE);
        awaitHandled(waiting, "pager");
        assertThat(ids(delivered)).containsExactlyElementsOf(ids(allEvents()));
        assertThat(waiting.notifications().status("pager").leaseOwner()).contains(waiting.notifications().processId());
    }

    @Test
    @DisplayName("when the holder dies without releasing its lease, the other process takes over once it lapses")
    void takeoverAfterTheTtl() {
        List<Notification> delivered = new CopyOnWriteArrayList<>();
        ProcessStore dying = process(true);
        ProcessStore survivor = process(false);
        Duration ttl = Duration.ofSeconds(30);
        IncidentManager a = manager(dying, "process-a", fast().leaseTtl(ttl).build(),
                x -> x.notifier(new Recorder("pager", delivered)));
        IncidentManager b = manager(survivor, "process-b", fast().leaseTtl(ttl).build(),
                x -> x.notifier(new Recorder("pager", delivered)));
        assertThat(a.notifications().status("pager").leaseOwner()).contains("process-a");

        Incident inc = a.declare(Declare.of("Before the crash", Severity.SEV2, "checkout"), ALICE);
        a.addNote(inc.id(), "one", ALICE);
        awaitHandled(a, "pager");
        a.close();

        b.addNote(inc.id(), "two", BOB);
        b.addNote(inc.id(), "three", BOB);
        int refused = survivor.refusedLeases.get();
        await("process-b keeps asking for the lease", () -> survivor.refusedLeases.get() >= refused + 3);
        assertThat(delivered).as("nothing delivered while the lease of the dead process holds").hasSize(2);
        assertThat(b.notifications().status("pager").leaseOwner()).contains("process-a");

        clock().advance(ttl);
        awaitHandled(b, "pager");
        assertThat(ids(delivered)).containsExactlyElementsOf(ids(allEvents()));
        assertThat(b.notifications().status("pager").leaseOwner()).contains("process-b");
    }
}
