package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.fail;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.oncall.ContactMethod;
import dev.incidentkit.core.oncall.EscalationLevel;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.oncall.Layer;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.Person;
import dev.incidentkit.core.oncall.Restriction;
import dev.incidentkit.core.oncall.Rotation;
import dev.incidentkit.core.oncall.Schedule;
import dev.incidentkit.core.oncall.Target;
import dev.incidentkit.core.sla.BusinessCalendar;
import dev.incidentkit.core.spi.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every concern of {@link EscalatorContract} works with: a clock, a pager notifier that
 * records pages by address, the Payments on-call configuration, and managers and escalators that
 * stand for processes.
 */
@ExtendWith(ContractResolver.class)
abstract class EscalatorHarness {

    /** A Monday, 12:00 in Berlin: business hours. */
    static final Instant T0 = Instant.parse("2025-08-25T10:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Duration AWAIT = Duration.ofSeconds(30);
    static final CommandContext ALICE = CommandContext.as("alice");

    final ManualClock clock = ManualClock.at(T0);
    final RecordingPager pager = new RecordingPager();
    volatile OnCallConfig config = payments(EscalationPolicy.Repeat.times(1), EscalationLevel.IfNobody.SKIP);
    private EscalatorContract contract;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<EventStore> handles = new ArrayList<>();

    @BeforeEach
    final void bindContract(EscalatorContract contract) {
        this.contract = contract;
    }

    @AfterEach
    final void closeProcesses() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        for (EventStore handle : handles) {
            handle.close();
        }
    }

    /**
     * Payments: level 1 the primary schedule (alice) for 5 min, level 2 the secondary (carol) for
     * 10 min, level 3 dave for 15 min, level 4 the VP for 20 min on a SEV-1 only; level 5 the
     * office schedule (erin, weekdays 09-17 only) for 5 min. Business hours 09-17 on weekdays.
     */
    static OnCallConfig payments(EscalationPolicy.Repeat repeat, EscalationLevel.IfNobody office) {
        Schedule primary = weekly("primary", "alice");
        Schedule secondary = weekly("secondary", "carol");
        Schedule officeHours = Schedule.builder("office", "Office", BERLIN)
                .layer(Layer.of(rotation("erin"), Restriction.onDays(Set.of(java.time.DayOfWeek.values()).stream()
                        .filter(d -> d.getValue() <= 5).collect(java.util.stream.Collectors.toSet()),
                        LocalTime.of(9, 0), LocalTime.of(17, 0))))
                .build();
        EscalationPolicy policy = EscalationPolicy.builder("payments", "Payments",
                        BusinessCalendar.weekdays(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .level(EscalationLevel.of(Duration.ofMinutes(5), Target.schedule("primary")))
                .level(EscalationLevel.of(Duration.ofMinutes(10), Target.schedule("secondary")))
                .level(EscalationLevel.of(Duration.ofMinutes(15), Target.person("dave")))
                .level(EscalationLevel.of(Duration.ofMinutes(20), Target.person("vp")).onlyFor(Severity.SEV1))
                .level(EscalationLevel.of(Duration.ofMinutes(5), Target.schedule("office")).ifNobodyOnCall(office))
                .repeat(repeat)
                .build();
        List<Person> people = new ArrayList<>();
        for (String p : List.of("alice", "carol", "dave", "vp", "erin")) {
            people.add(Person.of(p, p, new ContactMethod("pager", p + "@pager.example")));
        }
        return OnCallConfig.of(List.of(primary, secondary, officeHours), List.of(policy), people,
                Map.of("payments-api", "payments"));
    }

    static Schedule weekly(String id, String person) {
        return Schedule.builder(id, id, BERLIN).layer(Layer.of(rotation(person))).build();
    }

    static Rotation rotation(String person) {
        return Rotation.of("weekly", Rotation.Kind.WEEKLY, 1, LocalDateTime.of(2025, 1, 6, 9, 0).atZone(BERLIN), List.of(person));
    }

    /** A store for one more process: a handle on the same storage that the manager may close. */
    EventStore process() {
        EventStore handle = contract.sameStorage(contract.store());
        if (handle != contract.store()) {
            handles.add(handle);
        }
        return new ForwardingStore(handle) {
            @Override
            public void close() {}
        };
    }

    IncidentManager manager(EventStore store) {
        return manager(store, b -> b);
    }

    IncidentManager manager(EventStore store, UnaryOperator<IncidentKit.Builder> more) {
        IncidentManager m = more.apply(IncidentKit.builder().store(store).clock(clock)
                .deliverySettings(DeliverySettings.custom().pollInterval(Duration.ofMillis(10))
                        .backoffBase(Duration.ofMillis(1)).backoffCap(Duration.ofMillis(2)).maxAttempts(2).build())
                .contacts((person, kind) -> config.person(person).flatMap(p -> p.contact(kind)).map(ContactMethod::address))
                .notifier(pager)).build();
        closeables.add(m);
        return m;
    }

    Escalator escalator(IncidentManager m, EventStore store, String owner) {
        Escalator e = Escalator.builder(m, store, () -> config).owner(owner).claimTtl(Duration.ofMinutes(1)).build();
        closeables.add(e);
        return e;
    }

    static String declare(IncidentManager m, Severity severity, String service) {
        return m.declare(Declare.of("Checkout fails", severity, service), ALICE).id();
    }

    /** @return the incident's pages: "person L<level> R<round> @<minutes after T0>" */
    static List<String> pages(IncidentManager m, String incidentId) {
        List<String> out = new ArrayList<>();
        for (RecordedEvent e : m.history(incidentId)) {
            if (e.event() instanceof IncidentEvent.Paged p) {
                out.add(p.person() + " L" + p.level() + " R" + p.round() + " @" + Duration.between(T0, e.occurredAt()).toMinutes());
            }
        }
        return out;
    }

    /** @return the incident's notes, by the escalation */
    static List<String> notes(IncidentManager m, String incidentId) {
        List<String> out = new ArrayList<>();
        for (RecordedEvent e : m.history(incidentId)) {
            if (e.event() instanceof IncidentEvent.NoteAdded n && e.actor().name().equals("escalation")) {
                out.add(n.note());
            }
        }
        return out;
    }

    Instant minutes(long m) {
        return clock.set(T0.plus(Duration.ofMinutes(m)));
    }

    /** Waits for a condition, checking every few milliseconds, for at most {@link #AWAIT}. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        Object monitor = new Object();
        synchronized (monitor) {
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() - deadline > 0) {
                    fail("waited " + AWAIT + " for: " + what);
                }
                try {
                    monitor.wait(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for: " + what);
                }
            }
        }
    }

    static long millis(Duration d) {
        return TimeUnit.NANOSECONDS.toMillis(d.toNanos());
    }
}
