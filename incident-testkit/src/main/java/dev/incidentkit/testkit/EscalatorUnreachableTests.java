package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.ContactMethod;
import dev.incidentkit.core.oncall.EscalationLevel;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.EscalationTick;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.Person;
import dev.incidentkit.core.oncall.Target;
import dev.incidentkit.core.sla.BusinessCalendar;
import dev.incidentkit.core.spi.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EscalatorContract}: levels with nobody on call, and pages that reach nobody. */
abstract class EscalatorUnreachableTests extends EscalatorHarness {

    /** Saturday 12:00 in Berlin: nobody is in the office. */
    private static final Instant SATURDAY = Instant.parse("2025-08-23T10:00:00Z");

    /** Level 1 the office schedule (weekdays only), level 2 dave. */
    private OnCallConfig officeFirst(EscalationLevel.IfNobody ifNobody) {
        OnCallConfig base = payments(EscalationPolicy.Repeat.none(), ifNobody);
        EscalationPolicy policy = EscalationPolicy.builder("payments", "Payments",
                        BusinessCalendar.weekdays(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .level(EscalationLevel.of(Duration.ofMinutes(5), Target.schedule("office")).ifNobodyOnCall(ifNobody))
                .level(EscalationLevel.of(Duration.ofMinutes(10), Target.person("dave")))
                .build();
        return OnCallConfig.of(base.schedules().values(), List.of(policy), base.people().values(), Map.of("payments-api", "payments"));
    }

    private OnCallConfig withAlice(ContactMethod... contacts) {
        OnCallConfig base = payments(EscalationPolicy.Repeat.none(), EscalationLevel.IfNobody.SKIP);
        List<Person> people = new ArrayList<>(base.people().values());
        people.removeIf(p -> p.id().equals("alice"));
        people.add(Person.of("alice", "Alice", contacts));
        return OnCallConfig.of(base.schedules().values(), base.policies().values(), people, base.services());
    }

    @Test
    @DisplayName("nobody on call, SKIP: the timeline says so and the next level is paged at once")
    void skip() {
        config = officeFirst(EscalationLevel.IfNobody.SKIP);
        clock.set(SATURDAY);
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");

        EscalationTick tick = escalator.tick();

        assertThat(tick.nobodyOnCall()).isEqualTo(1);
        assertThat(tick.pages()).isEqualTo(1);
        assertThat(notes(m, id)).singleElement().asString().contains("nobody is on call at level 1").contains("level 2 is paged at once");
        assertThat(m.history(id).stream().filter(e -> e.type().equals("incident.paged")).map(e -> e.occurredAt()).toList())
                .containsExactly(SATURDAY);
    }

    @Test
    @DisplayName("nobody on call, WAIT: the timeline says so and the next level waits the level's time")
    void waits() {
        config = officeFirst(EscalationLevel.IfNobody.WAIT);
        clock.set(SATURDAY);
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");

        EscalationTick tick = escalator.tick();
        clock.set(SATURDAY.plusSeconds(299));
        EscalationTick early = escalator.tick();
        clock.set(SATURDAY.plusSeconds(300));
        EscalationTick due = escalator.tick();

        assertThat(tick.pages()).isZero();
        assertThat(notes(m, id)).singleElement().asString().contains("nobody is on call at level 1").contains("waiting 5 min");
        assertThat(early.pages()).isZero();
        assertThat(due.pages()).isEqualTo(1);
    }

    @Test
    @DisplayName("a person without a contact method: the page is recorded, the timeline says it reached nobody, the next level is paged at once")
    void noContactMethod() {
        config = withAlice();
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");

        EscalationTick tick = escalator.tick();

        assertThat(tick.undeliverable()).isEqualTo(1);
        assertThat(pages(m, id)).containsExactly("alice L1 R1 @0", "carol L2 R1 @0");
        assertThat(notes(m, id)).singleElement().asString().contains("could not be delivered").contains("alice (no contact method)");
        assertThat(escalator.status().undeliverablePages()).isEqualTo(1);
    }

    @Test
    @DisplayName("a contact method no notifier reaches counts as none")
    void noNotifierForKind() {
        config = withAlice(new ContactMethod("carrier-pigeon", "loft 7"));
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");

        escalator.tick();

        assertThat(pages(m, id)).containsExactly("alice L1 R1 @0", "carol L2 R1 @0");
        assertThat(notes(m, id)).singleElement().asString().contains("no notifier reaches carrier-pigeon");
    }

    @Test
    @DisplayName("a page whose delivery fails for good brings the next level forward: paged at the next tick, not after 5 min")
    void deadLetterEscalates() {
        pager.failFor("alice@pager.example");
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");
        escalator.tick();

        minutes(1);
        // The dead letter may come before the first tick has stored its step (then that tick pages
        // level 2 at once) or after (then the next tick does): either way, long before 5 min.
        await("the dead letter hurried level 2", () -> pages(m, id).size() == 2
                || escalator.escalation(id).orElseThrow().at().isBefore(T0.plusSeconds(300)));
        escalator.tick();

        List<String> pages = pages(m, id);
        assertThat(pages).hasSize(2).first().isEqualTo("alice L1 R1 @0");
        assertThat(pages.get(1)).matches("carol L2 R1 @[01]");
        assertThat(notes(m, id)).singleElement().asString().contains("Page to alice (level 1) could not be delivered")
                .contains("no such pager");
        assertThat(m.notifications().deadLetters("pager")).hasSize(1);
        await("carol's page delivered", () -> pager.pages().contains("carol@pager.example"));
    }

    @Test
    @DisplayName("when nobody can be reached, the round's levels are paged at once, but the next round waits")
    void nobodyReachableWaitsForTheNextRound() {
        OnCallConfig base = payments(EscalationPolicy.Repeat.untilAcknowledged(), EscalationLevel.IfNobody.SKIP);
        config = OnCallConfig.of(base.schedules().values(), base.policies().values(), List.of(), base.services());
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");

        EscalationTick tick = escalator.tick();

        assertThat(pages(m, id)).containsExactly("alice L1 R1 @0", "carol L2 R1 @0", "dave L3 R1 @0", "vp L4 R1 @0", "erin L5 R1 @0");
        assertThat(tick.undeliverable()).isEqualTo(5);
        assertThat(tick.nextDue()).contains(T0.plusSeconds(300));
        minutes(5);
        assertThat(escalator.tick().pages()).as("round 2, at once again").isEqualTo(5);
    }

    @Test
    @DisplayName("a dead letter told before the step that paged is stored still brings the next level forward")
    void deadLetterBeforeTheStepIsStored() {
        pager.failFor("alice@pager.example");
        EventStore real = process();
        IncidentManager m = manager(real);
        java.util.concurrent.CountDownLatch told = new java.util.concurrent.CountDownLatch(1);
        EventStore slow = new ForwardingStore(real) {
            @Override
            public java.util.Optional<dev.incidentkit.core.spi.EscalationStore> escalationStore() {
                return java.util.Optional.of(new EscalatorProcessesTests.ForwardingEscalations(super.escalationStore().orElseThrow()) {
                    @Override
                    public boolean complete(Claim claim, dev.incidentkit.core.oncall.Escalation next) {
                        // The page is told undeliverable first, as it may be when the store is slow.
                        await("alice's page told undeliverable", () -> told.getCount() == 0);
                        return super.complete(claim, next);
                    }
                });
            }
        };
        Escalator escalator = escalator(m, slow, "p1");
        // Registered after the escalator's own listener, so told after it.
        m.notifications().addUndeliverablePageListener(page -> told.countDown());
        String id = declare(m, Severity.SEV1, "payments-api");

        EscalationTick tick = escalator.tick();

        assertThat(pages(m, id)).containsExactly("alice L1 R1 @0", "carol L2 R1 @0");
        assertThat(tick.pages()).isEqualTo(2);
        assertThat(notes(m, id)).singleElement().asString().contains("Page to alice (level 1) could not be delivered");
    }

    @Test
    @DisplayName("a running escalation whose policy lost its level ends, with a note, instead of failing forever")
    void policyLostTheLevel() {
        EventStore store = process();
        IncidentManager m = manager(store);
        Escalator escalator = escalator(m, store, "p1");
        String id = declare(m, Severity.SEV1, "payments-api");
        escalator.tick();
        EscalationPolicy one = EscalationPolicy.builder("payments", "Payments",
                        BusinessCalendar.weekdays(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .level(EscalationLevel.of(Duration.ofMinutes(5), Target.schedule("primary")))
                .build();
        config = OnCallConfig.of(config.schedules().values(), List.of(one), config.people().values(), config.services());

        minutes(5);
        EscalationTick tick = escalator.tick();

        assertThat(tick.failed()).isEqualTo(1);
        assertThat(escalator.escalation(id).orElseThrow().status()).isEqualTo(dev.incidentkit.core.oncall.Escalation.Status.EXHAUSTED);
        assertThat(notes(m, id)).singleElement().asString().contains("has no level 2 for SEV-1 any more");
    }
}
