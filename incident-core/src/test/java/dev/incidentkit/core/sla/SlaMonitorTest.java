package dev.incidentkit.core.sla;

import static dev.incidentkit.core.CommandContext.as;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.event.IncidentEvent.SlaBreached;
import dev.incidentkit.core.event.IncidentEvent.UpdateDue;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.testkit.ForwardingStore;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlaMonitorTest {

    static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");

    final SimpleEventStore store = new SimpleEventStore();
    final ManualClock clock = ManualClock.at(T0);
    final List<AutoCloseable> toClose = new ArrayList<>();

    IncidentManager manager() {
        return manager(SlaPolicy.ofDefaults());
    }

    IncidentManager manager(SlaPolicy policy) {
        IncidentManager m = IncidentKit.builder().store(store).clock(clock).slaPolicy(policy).build();
        // Not closed: closing a manager closes its store, which the "restarted" process shares.
        return m;
    }

    SlaMonitor monitor(IncidentManager m) {
        SlaMonitor monitor = SlaMonitor.create(m);
        toClose.add(monitor);
        return monitor;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    static Instant t(long minutes) {
        return T0.plus(ofMinutes(minutes));
    }

    static List<RecordedEvent> breaches(IncidentManager m, String id) {
        List<RecordedEvent> out = new ArrayList<>();
        for (RecordedEvent e : m.history(id)) {
            if (e.event() instanceof SlaBreached) {
                out.add(e);
            }
        }
        return out;
    }

    static SlaBreached breach(RecordedEvent e) {
        return (SlaBreached) e.event();
    }

    Incident declare(IncidentManager m, Severity severity) {
        return m.declare(Declare.of("Checkout latency", severity, "checkout"), as("alice"));
    }

    @Nested
    @DisplayName("recording")
    class Recording {

        @Test
        void eachBreachIsRecordedOnceBackDatedToItsDeadline() {
            IncidentManager m = manager();
            SlaMonitor monitor = monitor(m);
            String id = declare(m, Severity.SEV1).id();
            assertThat(monitor.tick().recorded()).isEmpty();

            clock.set(t(16));
            SlaTick first = monitor.tick();
            SlaTick second = monitor.tick();

            assertThat(first.recorded()).extracting(r -> r.incidentId(), r -> r.breach().kind())
                    .containsExactly(tuple(id, SlaKind.ACK), tuple(id, SlaKind.UPDATE));
            assertThat(second.recorded()).isEmpty();
            List<RecordedEvent> recorded = breaches(m, id);
            assertThat(recorded).extracting(RecordedEvent::type).containsOnly(EventTypes.SLA_BREACHED);
            assertThat(recorded).extracting(RecordedEvent::occurredAt).containsOnly(t(15));
            assertThat(recorded).extracting(e -> e.actor().name()).containsOnly("sla-monitor");
            assertThat(recorded).extracting(e -> breach(e).kind(), e -> breach(e).target(), e -> breach(e).deadline())
                    .containsExactly(tuple(SlaKind.ACK, ofMinutes(15), t(15)), tuple(SlaKind.UPDATE, ofMinutes(15), t(15)));
            assertThat(m.get(id).slaBreaches()).hasSize(2);

            clock.set(t(61));
            assertThat(monitor.tick().recorded()).extracting(r -> r.breach().kind()).containsExactly(SlaKind.RESOLVE);
            clock.set(t(600));
            assertThat(monitor.tick().recorded()).isEmpty();
            assertThat(breaches(m, id)).hasSize(3);
        }

        @Test
        void anIncidentHandledInTimeGetsNoBreach() {
            IncidentManager m = manager();
            SlaMonitor monitor = monitor(m);
            String id = declare(m, Severity.SEV2).id();
            clock.set(t(2));
            m.acknowledge(id, "Investigating database performance metrics", as("bob"));
            clock.set(t(25));
            m.addNote(id, "Found slow query", as("bob"));
            monitor.tick();
            clock.set(t(45));
            m.resolve(id, "Index added", as("bob"));

            clock.set(t(24 * 60));
            SlaTick tick = monitor.tick();

            assertThat(tick.recorded()).isEmpty();
            assertThat(tick.tracked()).isZero();
            assertThat(breaches(m, id)).isEmpty();
        }

        @Test
        void aResolutionWithoutAcknowledgementIsAnAckMissAtOnce() {
            IncidentManager m = manager();
            SlaMonitor monitor = monitor(m);
            String id = declare(m, Severity.SEV2).id();
            clock.set(t(10));
            m.resolve(id, "It went away", as("bob"));

            SlaTick tick = monitor.tick();

            assertThat(tick.recorded()).extracting(r -> r.breach().kind()).containsExactly(SlaKind.ACK);
            RecordedEvent e = breaches(m, id).get(0);
            assertThat(e.occurredAt()).isEqualTo(t(10));
            assertThat(breach(e).deadline()).isEqualTo(t(30));
        }

        @Test
        void anEscalationThatPutsTheDeadlineInThePastBreachesAtTheChange() {
            IncidentManager m = manager();
            SlaMonitor monitor = monitor(m);
            String id = declare(m, Severity.SEV3).id();
            clock.set(t(20));
            m.escalate(id, Severity.SEV1, "Spreading", as("bob"));

            clock.set(t(21));
            monitor.tick();

            assertThat(breaches(m, id)).extracting(e -> breach(e).kind(), e -> breach(e).deadline(), RecordedEvent::occurredAt)
                    .containsExactly(tuple(SlaKind.ACK, t(15), t(20)), tuple(SlaKind.UPDATE, t(15), t(20)));
        }

        @Test
        void aReopenedIncidentIsWatchedAgain() {
            IncidentManager m = manager();
            SlaMonitor monitor = monitor(m);
            String id = declare(m, Severity.SEV1).id();
            clock.set(t(5));
            m.acknowledge(id, "", as("bob"));
            clock.set(t(10));
            m.resolve(id, "", as("bob"));
            assertThat(monitor.tick().tracked()).isZero();

            clock.set(t(120));
            m.reopen(id, "Back again", as("bob"));
            assertThat(monitor.tick().tracked()).isEqualTo(1);
            // 10 of the 60 minutes were used before the resolution; the rest runs out at +170 minutes.
            clock.set(t(171));
            SlaTick tick = monitor.tick();

            assertThat(tick.recorded()).extracting(r -> r.breach().kind(), r -> r.breach().deadline())
                    .contains(tuple(SlaKind.RESOLVE, t(170)));
        }

        @Test
        void aDetectionLongBeforeTheDeclarationIsRecordedAtTheDeclaration() {
            IncidentManager m = manager();
            SlaMonitor monitor = monitor(m);
            Incident inc = m.declare(Declare.of("Nightly job failed", Severity.SEV1, "batch").detectedAt(t(-120)), as("alice"));

            monitor.tick();

            assertThat(breaches(m, inc.id())).extracting(e -> breach(e).kind(), RecordedEvent::occurredAt)
                    .containsExactly(tuple(SlaKind.ACK, T0), tuple(SlaKind.RESOLVE, T0));
        }
    }

    @Nested
    @DisplayName("restarts")
    class Restarts {

        @Test
        void aNewMonitorRecordsWhatBecameDueWhileNoneRanAndNothingTwice() {
            IncidentManager before = manager();
            SlaMonitor first = monitor(before);
            String a = declare(before, Severity.SEV1).id();
            String b = declare(before, Severity.SEV2).id();
            clock.set(t(16));
            assertThat(first.tick().recorded()).extracting(r -> r.incidentId(), r -> r.breach().kind())
                    .containsExactly(tuple(a, SlaKind.ACK), tuple(a, SlaKind.UPDATE));
            first.close();

            // No monitor runs: B is acknowledged in time, C is declared and left alone.
            clock.set(t(20));
            before.acknowledge(b, "", as("bob"));
            clock.set(t(30));
            String c = declare(before, Severity.SEV1).id();
            clock.set(t(120));

            IncidentManager after = manager();
            SlaMonitor second = monitor(after);
            SlaTick tick = second.tick();

            assertThat(tick.recorded()).extracting(r -> r.incidentId(), r -> r.breach().kind(), r -> r.breach().deadline())
                    .containsExactlyInAnyOrder(
                            tuple(a, SlaKind.RESOLVE, t(60)),
                            tuple(b, SlaKind.UPDATE, t(50)),
                            tuple(c, SlaKind.ACK, t(45)),
                            tuple(c, SlaKind.UPDATE, t(45)),
                            tuple(c, SlaKind.RESOLVE, t(90)));
            assertThat(breaches(after, a)).extracting(e -> breach(e).kind())
                    .containsExactly(SlaKind.ACK, SlaKind.UPDATE, SlaKind.RESOLVE);
            assertThat(breaches(after, b)).extracting(e -> breach(e).kind()).containsExactly(SlaKind.UPDATE);
            assertThat(second.tick().recorded()).isEmpty();

            // A third start, and the first monitor's lost queue: still nothing twice.
            SlaMonitor third = monitor(manager());
            assertThat(third.tick().recorded()).isEmpty();
            assertThat(breaches(after, a)).hasSize(3);
            assertThat(breaches(after, c)).hasSize(3);
        }

        @Test
        void aRestartEvaluatesOnlyTheActiveIncidentsAndRecordsWhatBecameDueMeanwhile() {
            StreamReads reads = new StreamReads(store);
            IncidentManager before = IncidentKit.builder().store(reads).clock(clock).build();
            List<String> resolved = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = declare(before, Severity.SEV2).id();
                before.acknowledge(id, "", as("bob"));
                before.resolve(id, "", as("bob"));
                resolved.add(id);
            }
            String active = declare(before, Severity.SEV1).id();
            String acknowledged = declare(before, Severity.SEV3).id();
            before.acknowledge(acknowledged, "", as("bob"));
            SlaMonitor first = monitor(before);
            assertThat(first.tick().recorded()).isEmpty();
            assertThat(before.checkpoint("sla-monitor:sla-monitor")).contains(first.position());
            first.close();

            // No monitor runs while the SEV-1's acknowledge and update deadlines (+15 min) pass.
            clock.set(t(20));
            reads.ids.clear();
            IncidentManager after = IncidentKit.builder().store(reads).clock(clock).build();
            SlaMonitor second = monitor(after);
            SlaTick tick = second.tick();

            assertThat(tick.incidentsEvaluated()).isEqualTo(2);
            assertThat(tick.eventsRead()).isZero();
            assertThat(reads.ids).as("streams read").doesNotContainAnyElementsOf(resolved).contains(active, acknowledged);
            assertThat(tick.recorded()).extracting(r -> r.incidentId(), r -> r.breach().kind(), r -> r.breach().deadline())
                    .containsExactly(tuple(active, SlaKind.ACK, t(15)), tuple(active, SlaKind.UPDATE, t(15)));
            assertThat(tick.tracked()).isEqualTo(2);
            assertThat(second.tick().recorded()).isEmpty();
        }

        @Test
        void anIncidentResolvedLateWhileNoMonitorRanIsJudgedAtTheRestart() {
            IncidentManager m = manager();
            String id = declare(m, Severity.SEV1).id();
            SlaMonitor first = monitor(m);
            first.tick();
            first.close();

            // Resolved at +70 without an acknowledgement: every clock ran out before, and it is no longer active.
            clock.set(t(70));
            m.resolve(id, "It went away", as("bob"));
            clock.set(t(80));
            SlaTick tick = monitor(manager()).tick();

            assertThat(tick.recorded()).extracting(r -> r.breach().kind(), r -> r.breach().deadline())
                    .containsExactlyInAnyOrder(tuple(SlaKind.ACK, t(15)), tuple(SlaKind.UPDATE, t(15)),
                            tuple(SlaKind.RESOLVE, t(60)));
            assertThat(tick.tracked()).isZero();
        }

        @Test
        void theCheckpointWaitsForEveryIncidentToBeEvaluated() {
            StreamReads reads = new StreamReads(store);
            IncidentManager m = IncidentKit.builder().store(reads).clock(clock).build();
            SlaMonitor monitor = monitor(m);
            String id = declare(m, Severity.SEV1).id();
            monitor.tick();
            LogPosition saved = m.checkpoint("sla-monitor:sla-monitor").orElseThrow();
            assertThat(saved).isEqualTo(monitor.position());

            clock.set(t(5));
            m.addNote(id, "Looking", as("bob"));
            reads.failing = id;
            assertThatThrownBy(monitor::tick).isInstanceOf(StoreException.class);
            assertThat(monitor.position()).isNotEqualTo(saved);
            assertThat(m.checkpoint("sla-monitor:sla-monitor")).as("not past an incident left to retry").contains(saved);

            reads.failing = "";
            assertThat(monitor.tick().incidentsEvaluated()).isEqualTo(1);
            assertThat(m.checkpoint("sla-monitor:sla-monitor")).contains(monitor.position());
        }

        @Test
        void eachActorKeepsItsOwnCheckpoint() {
            IncidentManager m = manager();
            SlaMonitor monitor = monitor(m);
            declare(m, Severity.SEV1);
            monitor.tick();
            LogPosition saved = m.checkpoint("sla-monitor:sla-monitor").orElseThrow();

            SlaMonitor other = SlaMonitor.builder(m).actor("night-watch").build();
            toClose.add(other);
            declare(m, Severity.SEV2);
            other.tick();

            assertThat(m.checkpoint("sla-monitor:night-watch")).contains(other.position());
            assertThat(m.checkpoint("sla-monitor:sla-monitor")).contains(saved);
            assertThat(other.position()).isNotEqualTo(saved);
        }

        @Test
        void twoMonitorsOnOneStoreRecordEachBreachOnce() {
            IncidentManager m1 = manager();
            IncidentManager m2 = manager();
            SlaMonitor one = monitor(m1);
            SlaMonitor two = monitor(m2);
            String id = declare(m1, Severity.SEV1).id();
            one.tick();
            two.tick();
            clock.set(t(16));

            int recorded = one.tick().recorded().size() + two.tick().recorded().size();

            assertThat(recorded).isEqualTo(2);
            assertThat(breaches(m1, id)).hasSize(2);
        }
    }

    /** Notes which streams are read (the histories a monitor evaluates), and fails the reads of one. */
    static final class StreamReads extends ForwardingStore {
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        volatile String failing = "";

        StreamReads(EventStore store) {
            super(store);
        }

        @Override
        public List<StoredEvent> readStream(String incidentId, long afterVersion) {
            ids.add(incidentId);
            if (incidentId.equals(failing)) {
                throw new StoreException("the disk is full");
            }
            return super.readStream(incidentId, afterVersion);
        }
    }

    @Nested
    @DisplayName("cost")
    class Cost {

        @Test
        void aTickWithAHundredThousandOpenIncidentsLooksOnlyAtTheDueOnes() {
            IncidentManager m = manager();
            SlaMonitor monitor = monitor(m);
            int open = 100_000;
            for (int i = 0; i < open; i++) {
                clock.set(T0.plusMillis(100L * i));
                m.declare(Declare.of("Incident " + i, Severity.SEV4, "checkout"), as("alice"));
            }
            SlaTick rebuild = monitor.tick();
            assertThat(rebuild.eventsRead()).isEqualTo(open);
            assertThat(rebuild.incidentsEvaluated()).isEqualTo(open);
            assertThat(rebuild.tracked()).isEqualTo(open);
            assertThat(rebuild.recorded()).isEmpty();

            // SEV-4: 8 hours to acknowledge; declared 100 ms apart. Due strictly before now: incidents 0 to 99.
            clock.set(T0.plus(ofHours(8)).plusMillis(9_950));
            SlaTick tick = monitor.tick();

            assertThat(tick.recorded()).hasSize(100);
            assertThat(tick.entriesExamined()).isEqualTo(100);
            assertThat(tick.incidentsEvaluated()).isEqualTo(100);
            assertThat(tick.eventsRead()).isZero();
            assertThat(tick.tracked()).isEqualTo(open);

            SlaTick idle = monitor.tick();
            assertThat(idle.eventsRead()).isEqualTo(100);
            assertThat(idle.entriesExamined()).isZero();
            assertThat(idle.incidentsEvaluated()).isZero();
        }
    }

    @Nested
    @DisplayName("the manager and the schedule")
    class Wiring {

        @Test
        void theManagerComputesStatusWithItsPolicy() {
            SlaPolicy policy = SlaPolicy.custom().acknowledgeWithin(Severity.SEV2, ofMinutes(10)).build();
            IncidentManager m = manager(policy);
            String id = declare(m, Severity.SEV2).id();
            clock.set(t(4));

            SlaStatus status = m.slaStatus(id);

            assertThat(m.slaPolicy()).isEqualTo(policy);
            assertThat(status.clock(SlaKind.ACK).map(SlaClock::remaining)).contains(ofMinutes(6));
            assertThat(SlaMonitor.create(m).policy()).isEqualTo(policy);
            clock.set(t(11));
            assertThat(m.slaStatus(id).clock(SlaKind.ACK).map(SlaClock::state)).contains(SlaState.BREACHED);
        }

        @Test
        void aMonitorCanUseAnotherPolicyAndActor() {
            IncidentManager m = manager();
            SlaMonitor monitor = SlaMonitor.builder(m).policy(SlaPolicy.custom().acknowledgeWithin(Severity.SEV3, ofMinutes(5)).build())
                    .actor("sla-bot").build();
            toClose.add(monitor);
            String id = declare(m, Severity.SEV3).id();
            clock.set(t(6));

            monitor.tick();

            assertThat(breaches(m, id)).extracting(e -> e.actor().name(), e -> breach(e).target()).containsExactly(tuple("sla-bot", ofMinutes(5)));
            assertThatThrownBy(() -> SlaMonitor.builder(m).actor("")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aScheduledMonitorRecordsOnItsOwnThreadAndStopsIt() throws Exception {
            IncidentManager m = manager();
            String id = declare(m, Severity.SEV1).id();
            clock.set(t(16));
            CountDownLatch seen = new CountDownLatch(2);
            toClose.add(m.subscribe(e -> {
                if (e.event() instanceof SlaBreached) {
                    seen.countDown();
                }
            }));
            SlaMonitor monitor = monitor(m);

            monitor.start(Duration.ofMillis(20));

            assertThat(seen.await(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> monitor.start(Duration.ofMillis(20))).isInstanceOf(IllegalStateException.class);
            monitor.close();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("incidentkit-sla-monitor");
            assertThat(breaches(m, id)).hasSize(2);
            assertThatThrownBy(monitor::tick).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void onTheHostsExecutorCloseCancelsTheScheduleAndLeavesTheExecutor() {
            IncidentManager m = manager();
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
            executor.setRemoveOnCancelPolicy(true);
            try {
                SlaMonitor monitor = monitor(m);
                monitor.start(executor, Duration.ofHours(1));
                monitor.close();

                assertThat(executor.getQueue()).isEmpty();
                assertThat(executor.isShutdown()).isFalse();
                assertThatThrownBy(() -> monitor.start(executor, Duration.ofHours(1))).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> SlaMonitor.create(m).start(executor, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("update reminders")
    class UpdateReminders {

        static List<UpdateDue> reminders(IncidentManager m, String id) {
            List<UpdateDue> out = new ArrayList<>();
            for (RecordedEvent e : m.history(id)) {
                if (e.event() instanceof UpdateDue u) {
                    out.add(u);
                }
            }
            return out;
        }

        @Test
        void remindsFiveMinutesBeforeTheUpdateIsDueThenTheBreachFollows() {
            IncidentManager m = manager();   // SEV-1: an update every 15 minutes
            SlaMonitor monitor = monitor(m);
            String id = declare(m, Severity.SEV1).id();
            clock.set(t(9));
            assertThat(monitor.tick().reminded()).isEmpty();

            clock.set(t(10).plusSeconds(1));   // a tick takes what is due strictly before it
            SlaTick tick = monitor.tick();
            assertThat(tick.reminded()).containsExactly(new SlaTick.Reminded(id, t(15)));
            assertThat(reminders(m, id)).containsExactly(new UpdateDue(t(15), ofMinutes(15), Optional.empty()));
            clock.set(t(12));
            assertThat(monitor.tick().reminded()).isEmpty();

            clock.set(t(16));
            assertThat(monitor.tick().recorded()).extracting(r -> r.breach().kind()).contains(SlaKind.UPDATE);
            assertThat(reminders(m, id)).hasSize(1);
        }

        @Test
        void anUpdateMovesTheReminderAndItNamesTheCommander() {
            IncidentManager m = manager();
            SlaMonitor monitor = monitor(m);
            String id = declare(m, Severity.SEV1).id();
            clock.set(t(8));
            m.assignRole(id, Role.COMMANDER, Actor.of("ada"), as("alice"));
            m.addNote(id, "Rolling back the deploy", as("ada"));
            assertThat(monitor.tick().reminded()).isEmpty();

            clock.set(t(10));
            assertThat(monitor.tick().reminded()).isEmpty();   // the note moved the deadline to 8 + 15
            clock.set(t(18));
            assertThat(monitor.tick().reminded()).containsExactly(new SlaTick.Reminded(id, t(23)));
            UpdateDue due = reminders(m, id).get(0);
            assertThat(due.commander()).contains(Actor.of("ada"));
            assertThat(due.timelineText()).isEqualTo(
                    "Reminder to ada (commander): post an update by 14:53 UTC (one every 15m)");
            assertThat(m.timeline(id)).extracting(TimelineEntry::headline).contains("Update due by 14:53 UTC");
        }

        @Test
        void aShortCadenceIsRemindedHalfwayAndNoneWithRemindersOff() {
            SlaPolicy policy = SlaPolicy.custom().updateEvery(Severity.SEV1, ofMinutes(4)).build();
            IncidentManager m = manager(policy);
            SlaMonitor monitor = monitor(m);
            SlaMonitor silent = SlaMonitor.builder(m).actor("quiet-monitor").noUpdateReminders().build();
            toClose.add(silent);
            String id = declare(m, Severity.SEV1).id();
            clock.set(t(2));
            assertThat(silent.tick().reminded()).isEmpty();
            assertThat(monitor.tick().reminded()).containsExactly(new SlaTick.Reminded(id, t(4)));
        }

        @Test
        void aLateMonitorRemindsWhileTheDeadlineIsAheadAndNotAfter() {
            IncidentManager m = manager();
            String early = declare(m, Severity.SEV1).id();
            clock.set(t(3));
            String late = declare(m, Severity.SEV1).id();   // due at 18, reminded from 13

            clock.set(t(16));
            SlaTick tick = monitor(m).tick();

            assertThat(tick.reminded()).containsExactly(new SlaTick.Reminded(late, t(18)));
            assertThat(reminders(m, early)).isEmpty();   // its deadline passed: the breach speaks
            assertThat(breaches(m, early)).isNotEmpty();
        }

        @Test
        void twoMonitorsRemindOnce() {
            IncidentManager m = manager();
            SlaMonitor one = monitor(m);
            SlaMonitor two = SlaMonitor.builder(m).actor("sla-monitor").build();
            toClose.add(two);
            String id = declare(m, Severity.SEV1).id();
            clock.set(t(11));
            one.tick();
            two.tick();
            assertThat(reminders(m, id)).hasSize(1);
        }

        @Test
        void theReminderGoesOutThroughTheNotifiers() throws Exception {
            BlockingQueue<Notification> told = new LinkedBlockingQueue<>();
            Notifier channel = new Notifier() {
                @Override
                public String name() {
                    return "incident-channel";
                }

                @Override
                public DeliveryResult deliver(Notification n) {
                    told.add(n);
                    return DeliveryResult.delivered();
                }
            };
            IncidentManager m = IncidentKit.builder().store(store).clock(clock)
                    .notifier(channel, Route.all().withTypes(EventTypes.UPDATE_DUE)).build();
            toClose.add(m);
            SlaMonitor monitor = monitor(m);
            String id = declare(m, Severity.SEV1).id();
            m.assignRole(id, Role.COMMANDER, Actor.of("ada"), as("alice"));
            clock.set(t(11));
            monitor.tick();

            Notification n = told.poll(30, TimeUnit.SECONDS);
            assertThat(n).isNotNull();
            assertThat(n.type()).isEqualTo(EventTypes.UPDATE_DUE);
            assertThat(n.incidentId()).isEqualTo(id);
            assertThat(n.note()).contains("Reminder to ada (commander): post an update by 14:45 UTC (one every 15m)");
        }

        @Test
        void theLeadMustBePositive() {
            IncidentManager m = manager();
            assertThatThrownBy(() -> SlaMonitor.builder(m).remindUpdatesBefore(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the deadline");
        }
    }
}
