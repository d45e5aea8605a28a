package dev.incidentkit.core.oncall;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.oncall.PagingReport.Page;
import dev.incidentkit.core.oncall.PagingReport.PersonPaging;
import dev.incidentkit.core.oncall.PagingReport.ShiftPaging;
import dev.incidentkit.core.sla.BusinessCalendar;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Up to five incidents declared around a three-day span (a Friday, a weekend, the Monday a
 * holiday), each paging up to five of four people at any minute of its first ten hours, and
 * acknowledged or not; histories written by the real manager, with pages back-dated before and
 * after the acknowledgment. The report agrees with a plain model of the rules, and the per-shift
 * counts with {@link OnCall#whoIsOnCall} at each page.
 */
class PagingMetricsProperties {

    private static final Instant FROM = Instant.parse("2026-12-04T00:00:00Z");
    private static final Instant UNTIL = FROM.plus(Duration.ofDays(3));
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final BusinessCalendar OFFICE = BusinessCalendar.custom().zone(BERLIN)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).holiday(LocalDate.of(2026, 12, 7)).build();
    private static final List<String> PEOPLE = List.of("ana", "ben", "chloe", "dev");

    record Pager(int person, int minute) {}

    record IncidentSpec(int declaredMinute, List<Pager> pages, Optional<Integer> ackMinute) {}

    record Case(List<IncidentSpec> incidents, Schedule schedule) {}

    @Provide
    Arbitrary<Case> cases() {
        // Quarter hours, so that pages often fall on a handoff, a window's edge or the acknowledgment.
        Arbitrary<Pager> pager = Combinators.combine(Arbitraries.integers().between(0, PEOPLE.size() - 1),
                quarters(0, 600)).as(Pager::new);
        Arbitrary<IncidentSpec> incident = Combinators.combine(
                quarters(-300, 3 * 24 * 60 + 60),
                pager.list().ofMaxSize(5),
                quarters(0, 600).optional(0.7)).as(IncidentSpec::new);
        Arbitrary<Schedule> schedule = Combinators.combine(
                Arbitraries.integers().between(1, 4),
                Arbitraries.of(PEOPLE).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(0, 3 * 24 * 60).optional(0.5),
                Arbitraries.of(PEOPLE))
                .as((hours, people, override, extra) -> {
                    Schedule.Builder b = Schedule.builder("primary", "Primary", BERLIN).layer(Layer.of(
                            new Rotation("hourly", Rotation.Kind.HOURLY, hours, LocalDateTime.parse("2026-12-01T09:00"), BERLIN, people)));
                    override.ifPresent(m -> b.override(ScheduleOverride.add(extra, FROM.plus(Duration.ofMinutes(m)),
                            FROM.plus(Duration.ofMinutes(m + 240L)))));
                    return b.build();
                });
        return Combinators.combine(incident.list().ofMaxSize(5), schedule).as(Case::new);
    }

    private static Arbitrary<Integer> quarters(int fromMinute, int toMinute) {
        return Arbitraries.integers().between(fromMinute / 15, toMinute / 15).map(q -> q * 15);
    }

    /** A page as the model sees it: who, when, and the incident's acknowledgment. */
    record Expected(String person, Instant at, Optional<Instant> acknowledged) {}

    @Property(tries = 200)
    void theReportAgreesWithAModelOfTheRules(@ForAll("cases") Case c) {
        List<Expected> expected = new ArrayList<>();
        PagingReport report = PagingMetrics.of(write(c, expected), OFFICE, FROM, UNTIL);

        TreeMap<String, List<Expected>> byPerson = new TreeMap<>();
        for (Expected e : expected) {
            if (!e.at().isBefore(FROM) && e.at().isBefore(UNTIL)) {
                byPerson.computeIfAbsent(e.person(), k -> new ArrayList<>()).add(e);
            }
        }
        List<PersonPaging> model = new ArrayList<>();
        byPerson.forEach((person, pages) -> {
            long afterHours = pages.stream().filter(e -> !OFFICE.isWorkingTime(e.at())).count();
            long never = pages.stream().filter(e -> e.acknowledged().isEmpty()).count();
            long late = pages.stream().filter(e -> e.acknowledged().filter(a -> a.isBefore(e.at())).isPresent()).count();
            List<Duration> times = pages.stream().filter(e -> e.acknowledged().filter(a -> !a.isBefore(e.at())).isPresent())
                    .map(e -> Duration.between(e.at(), e.acknowledged().orElseThrow())).toList();
            model.add(new PersonPaging(person, pages.size(), afterHours, DurationStats.of(times, never), late));
        });
        assertThat(report.people()).isEqualTo(model);
        assertThat(report.pages()).isSortedAccordingTo(Comparator.comparing(Page::at));
        assertThat(report.people().stream().mapToLong(PersonPaging::pages).sum()).isEqualTo(report.pages().size());
        for (PersonPaging p : report.people()) {
            assertThat(p.afterHours() + p.workingHours()).isEqualTo(p.pages());
            assertThat(p.timeToAcknowledge().count() + p.neverAcknowledged() + p.pagedAfterAcknowledgment()).isEqualTo(p.pages());
        }
    }

    @Property(tries = 200)
    void theShiftsCountExactlyThePagesOfPeopleOnCallWhenPaged(@ForAll("cases") Case c) {
        PagingReport report = PagingMetrics.of(write(c, new ArrayList<>()), OFFICE, FROM, UNTIL);

        List<ShiftPaging> shifts = PagingMetrics.perShift(report, c.schedule());

        assertThat(shifts).extracting(ShiftPaging::shift).isEqualTo(OnCall.shifts(c.schedule(), FROM, UNTIL));
        List<Page> onCall = report.pages().stream()
                .filter(p -> OnCall.whoIsOnCall(c.schedule(), p.at()).contains(p.person())).toList();
        assertThat(shifts.stream().mapToLong(ShiftPaging::pages).sum()).isEqualTo(onCall.size());
        assertThat(shifts.stream().mapToLong(ShiftPaging::afterHours).sum())
                .isEqualTo(onCall.stream().filter(Page::afterHours).count());
        for (ShiftPaging s : shifts) {
            assertThat(s.pages()).isEqualTo(report.pages().stream()
                    .filter(p -> p.person().equals(s.shift().person()) && s.shift().covers(p.at())).count());
        }
    }

    /** Writes the incidents through a manager, the acknowledgment first, and lists their pages in {@code expected}. */
    private static List<List<RecordedEvent>> write(Case c, List<Expected> expected) {
        ManualClock clock = ManualClock.at(UNTIL.plus(Duration.ofDays(2)));
        IncidentManager manager = IncidentKit.builder().store(new SimpleEventStore()).clock(clock).build();
        List<List<RecordedEvent>> histories = new ArrayList<>();
        for (IncidentSpec spec : c.incidents()) {
            Instant declared = FROM.plus(Duration.ofMinutes(spec.declaredMinute()));
            String id = manager.declare(Declare.of("Payments API errors", Severity.SEV2, "payments"), as("pagerduty").at(declared)).id();
            Optional<Instant> ack = spec.ackMinute().map(m -> declared.plus(Duration.ofMinutes(m)));
            ack.ifPresent(a -> manager.execute(id, new Command.Acknowledge("", Optional.empty()), as("ana").at(a)));
            for (Pager p : spec.pages()) {
                Instant at = declared.plus(Duration.ofMinutes(p.minute()));
                manager.execute(id, new Command.RecordPage(PEOPLE.get(p.person()), 1, 1, "payments", "level 1", List.of()),
                        as("escalation").at(at));
                expected.add(new Expected(PEOPLE.get(p.person()), at, ack));
            }
            histories.add(manager.history(id));
        }
        return histories;
    }
}
