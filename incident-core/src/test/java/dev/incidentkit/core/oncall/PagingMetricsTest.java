package dev.incidentkit.core.oncall;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.oncall.PagingReport.Outcome;
import dev.incidentkit.core.oncall.PagingReport.Page;
import dev.incidentkit.core.oncall.PagingReport.PersonPaging;
import dev.incidentkit.core.oncall.PagingReport.ShiftPaging;
import dev.incidentkit.core.sla.BusinessCalendar;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Paging metrics on histories written by the real manager: a night (bob paged at 03:00, the
 * incident acknowledged by alice four minutes later, alice paged after that) and a morning (alice
 * paged at 10:00 and bob at 10:05 on an incident nobody acknowledges), on Thursday 2026-12-03.
 */
class PagingMetricsTest {

    static final Instant DAY = Instant.parse("2026-12-03T00:00:00Z");
    static final BusinessCalendar OFFICE = BusinessCalendar.weekdays(ZoneOffset.UTC, LocalTime.of(9, 0), LocalTime.of(17, 0));
    /** Alice from Tuesday 09:00, bob from Wednesday 09:00, alice from Thursday 09:00. */
    static final Schedule PRIMARY = Schedule.builder("primary", "Primary", ZoneOffset.UTC)
            .layer(Layer.of(new Rotation("daily", Rotation.Kind.DAILY, 1, LocalDateTime.parse("2026-12-01T09:00"),
                    ZoneOffset.UTC, List.of("alice", "bob"))))
            .build();

    final ManualClock clock = ManualClock.at(DAY.plus(Duration.ofHours(12)));
    final IncidentManager manager = IncidentKit.builder().store(new SimpleEventStore()).clock(clock).build();

    static Instant at(String hhmm) {
        return DAY.plus(Duration.between(LocalTime.MIDNIGHT, LocalTime.parse(hhmm)));
    }

    String declare(String title, Instant at) {
        return manager.declare(Declare.of(title, Severity.SEV1, "payments"), as("pagerduty").at(at)).id();
    }

    void page(String id, String person, Instant at) {
        manager.execute(id, new Command.RecordPage(person, 1, 1, "payments", "level 1 of policy Payments", List.of()),
                as("escalation").at(at));
    }

    void acknowledge(String id, String who, Instant at) {
        manager.execute(id, new Command.Acknowledge("on it", Optional.empty()), as(who).at(at));
    }

    /** The night and the morning, plus carol paged at 02:59 on a third incident. */
    List<List<RecordedEvent>> day() {
        String night = declare("Checkout latency", at("03:00"));
        page(night, "bob", at("03:00"));
        acknowledge(night, "alice", at("03:04"));
        page(night, "alice", at("03:05"));
        String morning = declare("Payments API errors", at("10:00"));
        page(morning, "alice", at("10:00"));
        page(morning, "bob", at("10:05"));
        String early = declare("Disk full", at("02:50"));
        page(early, "carol", at("02:59"));
        return List.of(manager.history(night), manager.history(morning), manager.history(early));
    }

    static DurationStats minutes(long missing, long... values) {
        List<Duration> ds = new ArrayList<>();
        for (long v : values) {
            ds.add(Duration.ofMinutes(v));
        }
        return DurationStats.of(ds, missing);
    }

    @Test
    void perPersonPagesAfterHoursAndTimeToAcknowledgeInAWindowThatIncludesFromAndExcludesUntil() {
        PagingReport report = PagingMetrics.of(day(), OFFICE, at("03:00"), at("10:05"));

        assertThat(report.people()).containsExactly(
                new PersonPaging("alice", 2, 1, minutes(1), 1),
                new PersonPaging("bob", 1, 1, minutes(0, 4), 0));
        PersonPaging bob = report.person("bob").orElseThrow();
        assertThat(bob.timeToAcknowledge().median()).isEqualTo(Duration.ofMinutes(4));
        assertThat(bob.timeToAcknowledge().max()).isEqualTo(Duration.ofMinutes(4));
        assertThat(bob.neverAcknowledged()).isZero();
        PersonPaging alice = report.person("alice").orElseThrow();
        assertThat(alice.neverAcknowledged()).isOne();
        assertThat(alice.pagedAfterAcknowledgment()).isOne();
        assertThat(alice.workingHours()).isOne();
        assertThat(alice.timeToAcknowledge().isEmpty()).isTrue();
        assertThat(report.person("carol")).isEmpty();

        assertThat(report.pages()).extracting(Page::person, Page::at, Page::afterHours, Page::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob", at("03:00"), true, Outcome.ACKNOWLEDGED),
                org.assertj.core.groups.Tuple.tuple("alice", at("03:05"), true, Outcome.PAGED_AFTER_ACKNOWLEDGMENT),
                org.assertj.core.groups.Tuple.tuple("alice", at("10:00"), false, Outcome.NOT_ACKNOWLEDGED));
        assertThat(report.pages().get(0).timeToAcknowledge()).contains(Duration.ofMinutes(4));
    }

    @Test
    void aWiderWindowTakesInThePagesAtItsEdges() {
        PagingReport report = PagingMetrics.of(day(), OFFICE, DAY, DAY.plus(Duration.ofDays(1)));

        assertThat(report.people()).extracting(PersonPaging::person).containsExactly("alice", "bob", "carol");
        assertThat(report.person("bob").orElseThrow()).isEqualTo(new PersonPaging("bob", 2, 1, minutes(1, 4), 0));
        assertThat(report.person("carol").orElseThrow()).isEqualTo(new PersonPaging("carol", 1, 1, minutes(1), 0));
    }

    @Test
    void eachShiftCountsThePagesItsPersonGotDuringIt() {
        PagingReport report = PagingMetrics.of(day(), OFFICE, at("03:00"), at("10:05"));

        // Alice's page at 03:05 came while bob was on call: it counts in no shift.
        // Alice's at 10:00 counts in hers, bob's at 10:05 is at until, outside the span.
        assertThat(PagingMetrics.perShift(report, PRIMARY)).containsExactly(
                new ShiftPaging(new Shift("bob", at("03:00"), at("09:00"), Shift.Origin.layer(0)), 1, 1),
                new ShiftPaging(new Shift("alice", at("09:00"), at("10:05"), Shift.Origin.layer(0)), 1, 0));
    }

    @Test
    void aPageAtAHandoffBelongsToTheShiftThatStartsThere() {
        String id = declare("Checkout latency", at("08:00"));
        page(id, "bob", at("09:00"));
        page(id, "alice", at("09:00"));
        page(id, "bob", at("08:59"));

        PagingReport report = PagingMetrics.of(List.of(manager.history(id)), OFFICE, at("08:00"), at("10:00"));

        assertThat(PagingMetrics.perShift(report, PRIMARY)).containsExactly(
                new ShiftPaging(new Shift("bob", at("08:00"), at("09:00"), Shift.Origin.layer(0)), 1, 1),
                new ShiftPaging(new Shift("alice", at("09:00"), at("10:00"), Shift.Origin.layer(0)), 1, 0));
        assertThat(report.person("bob").orElseThrow().afterHours()).isOne();
    }

    @Test
    void theInstantsDecideNotTheOrderOfTheEvents() {
        String id = declare("Checkout latency", at("03:00"));
        acknowledge(id, "alice", at("03:04"));
        // Recorded after the acknowledgment, by an escalation that caught up late, dated when it was due.
        page(id, "dave", at("03:02"));
        page(id, "erin", at("03:04"));

        PagingReport report = PagingMetrics.of(List.of(manager.history(id)), OFFICE, DAY, at("12:00"));

        assertThat(report.pages()).extracting(Page::person, Page::outcome, Page::timeToAcknowledge).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dave", Outcome.ACKNOWLEDGED, Optional.of(Duration.ofMinutes(2))),
                org.assertj.core.groups.Tuple.tuple("erin", Outcome.ACKNOWLEDGED, Optional.of(Duration.ZERO)));
    }

    @Test
    void timeToAcknowledgeIsSummarizedByNearestRank() {
        List<List<RecordedEvent>> histories = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Instant paged = at("11:00").plus(Duration.ofMinutes(2 * i));
            String id = declare("Incident " + i, paged);
            page(id, "bob", paged);
            acknowledge(id, "bob", paged.plus(Duration.ofMinutes(i)));
            histories.add(manager.history(id));
        }

        DurationStats stats = PagingMetrics.of(histories, OFFICE, DAY, at("12:00")).person("bob").orElseThrow().timeToAcknowledge();

        assertThat(stats.count()).isEqualTo(10);
        assertThat(stats.median()).isEqualTo(Duration.ofMinutes(5));
        assertThat(stats.p90()).isEqualTo(Duration.ofMinutes(9));
        assertThat(stats.max()).isEqualTo(Duration.ofMinutes(10));
        assertThat(stats.mean()).isEqualTo(Duration.ofSeconds(330));
        assertThat(stats.missing()).isZero();
    }

    @Test
    void theSpanMustBeNonEmptyAndEachIncidentComeOnceInOneHistory() {
        List<List<RecordedEvent>> day = day();
        assertThatThrownBy(() -> PagingMetrics.of(day, OFFICE, at("10:00"), at("10:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("until must be after from");
        assertThatThrownBy(() -> PagingMetrics.of(day, OFFICE, at("10:00"), at("09:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("until must be after from");
        assertThatThrownBy(() -> PagingMetrics.of(List.of(day.get(0), day.get(0)), OFFICE, DAY, at("12:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("histories must hold each incident once");
        List<RecordedEvent> mixed = new ArrayList<>(day.get(0));
        mixed.addAll(day.get(1));
        assertThatThrownBy(() -> PagingMetrics.of(List.of(mixed), OFFICE, DAY, at("12:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("histories must each hold one incident's events");
        assertThat(PagingMetrics.of(List.of(List.of()), OFFICE, DAY, at("12:00")).pages()).isEmpty();
    }
}
