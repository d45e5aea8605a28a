package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.oncall.ContactMethod;
import dev.incidentkit.core.oncall.EscalationLevel;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.Person;
import dev.incidentkit.core.oncall.Target;
import dev.incidentkit.core.sla.BusinessCalendar;
import dev.incidentkit.testkit.RecordingPager;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One process of {@link KilledEscalationPostgresTest}: a manager on a shared PostgreSQL store with
 * a pager notifier that prints each page it delivers, and an {@link Escalator} ticking every 50 ms
 * on the system clock. The policy: level 1 alice for the time given, level 2 bob for 2 s, level 3
 * carol; no repeat.
 *
 * <p>Arguments: JDBC URL, owner (process id), level 1's time in milliseconds, and {@code declare}
 * to declare one SEV-1 incident on {@code payments-api} first. Prints {@code DECLARED <id>},
 * {@code READY}, and {@code PAGED <address> <incident>} for each page delivered; runs until killed.
 */
public final class EscalationChild {

    private EscalationChild() {}

    /**
     * @param args see the class comment
     * @throws Exception if the store cannot be reached
     */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String owner = args[1];
        Duration first = Duration.ofMillis(Long.parseLong(args[2]));
        boolean declare = args.length > 3 && args[3].equals("declare");

        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        JdbcEventStore store = JdbcEventStore.builder(new TestPool(ds)).build();
        OnCallConfig config = config(first);
        RecordingPager pager = new RecordingPager().onPage((to, n) -> say("PAGED " + to.address() + " " + n.incidentId()));
        IncidentManager manager = IncidentKit.builder().store(store).processId(owner)
                .deliverySettings(DeliverySettings.custom().leaseTtl(Duration.ofSeconds(3))
                        .callTimeout(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).build())
                .contacts(config.contacts())
                .notifier(pager)
                .build();
        Escalator escalator = Escalator.builder(manager, store, () -> config).owner(owner).claimTtl(Duration.ofSeconds(5)).build();
        escalator.tick();
        if (declare) {
            say("DECLARED " + manager.declare(Declare.of("Checkout fails", Severity.SEV1, "payments-api"), as("child")).id());
        }
        escalator.start(Duration.ofMillis(50));
        say("READY");
        new CountDownLatch(1).await();
    }

    static OnCallConfig config(Duration first) {
        EscalationPolicy policy = EscalationPolicy.builder("payments", "Payments",
                        BusinessCalendar.weekdays(ZoneOffset.UTC, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .level(EscalationLevel.of(first, Target.person("alice")))
                .level(EscalationLevel.of(Duration.ofSeconds(2), Target.person("bob")))
                .level(EscalationLevel.of(Duration.ofSeconds(2), Target.person("carol")))
                .build();
        List<Person> people = List.of("alice", "bob", "carol").stream()
                .map(p -> Person.of(p, p, new ContactMethod("pager", p + "@pager.example"))).toList();
        return OnCallConfig.of(List.of(), List.of(policy), people, Map.of("payments-api", "payments"));
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
