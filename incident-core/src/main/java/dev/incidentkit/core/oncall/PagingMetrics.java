package dev.incidentkit.core.oncall;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.oncall.PagingReport.Outcome;
import dev.incidentkit.core.oncall.PagingReport.Page;
import dev.incidentkit.core.oncall.PagingReport.PersonPaging;
import dev.incidentkit.core.oncall.PagingReport.ShiftPaging;
import dev.incidentkit.core.sla.BusinessCalendar;
import dev.incidentkit.core.spi.LogPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Paging metrics per person and per shift, computed from incident histories: pure functions of
 * their arguments, reading no clock and no store; {@link #of(IncidentManager, BusinessCalendar,
 * Instant, Instant)} reads the histories from a manager first.
 *
 * <p><b>A page</b> is an {@code incident.paged} event ({@link IncidentEvent.Paged}) whose instant,
 * its {@code occurredAt} (when the page was due), lies in {@code [from, until)}. It is <b>after
 * hours</b> when that instant is not working time in the calendar given ({@link
 * BusinessCalendar#isWorkingTime}: outside the day's hours, on a day without hours, or on a
 * holiday).
 *
 * <p><b>Acknowledged.</b> An incident's acknowledgment is its first {@code incident.acknowledged}
 * event ({@link IncidentEvent.Acknowledged}), by anyone, as {@code Milestones.acknowledgedAt}
 * takes it: acknowledging the incident stops its escalation, whoever was paged. A page at or
 * before that instant was acknowledged after the time between the two (zero when they coincide);
 * a page after it (one that raced the acknowledgment, or a later round's page recorded late) has
 * no time to acknowledge and is counted apart; a page of an incident without acknowledgment was
 * never acknowledged, even if the incident was resolved or canceled without one. The
 * acknowledgment is looked for in the whole history given, not only in the span: a page on the
 * span's last evening acknowledged the next morning counts as acknowledged. The instants decide,
 * not the order of the events: a page recorded late, dated before the acknowledgment, was
 * acknowledged.
 *
 * <p><b>Per shift.</b> {@link #perShift} lists the final shifts of a schedule over the report's
 * span ({@link OnCall#shifts}) and counts, for each, the pages its person got while it covered
 * them. A person's shifts never overlap, so each page counts in at most one shift; a page of
 * someone who was not on call by the schedule counts in none.
 *
 * @since 0.4.0
 */
public final class PagingMetrics {

    private static final int LOG_PAGE = 1_000;

    private PagingMetrics() {}

    /**
     * Computes the pages of a span, per person, from a manager's incidents: those with a page in
     * the span, found by reading the event log once, then each one's history.
     *
     * @param incidents where the incidents are
     * @param workingHours the calendar that tells working time from after hours
     * @param from the first instant covered
     * @param until the first instant not covered
     * @return the report
     * @throws IllegalArgumentException naming {@code until} if it is not after {@code from}
     * @throws dev.incidentkit.core.StoreException if the store cannot be read
     */
    public static PagingReport of(IncidentManager incidents, BusinessCalendar workingHours, Instant from, Instant until) {
        Objects.requireNonNull(incidents, "incidents");
        if (!until.isAfter(from)) {
            throw Checks.bad("until", "must be after from (" + from + ")", until);
        }
        Set<String> paged = new LinkedHashSet<>();
        LogPosition after = LogPosition.START;
        for (List<RecordedEvent> batch = incidents.events(after, LOG_PAGE); !batch.isEmpty();
                batch = incidents.events(after, LOG_PAGE)) {
            for (RecordedEvent e : batch) {
                if (e.event() instanceof IncidentEvent.Paged && !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(until)) {
                    paged.add(e.incidentId());
                }
                after = e.position();
            }
        }
        List<List<RecordedEvent>> histories = new ArrayList<>();
        for (String id : paged) {
            histories.add(incidents.history(id));
        }
        return of(histories, workingHours, from, until);
    }

    /**
     * Computes the pages of a span, per person.
     *
     * @param histories incident histories, each one incident's events in the order of its versions
     *     (as {@code IncidentManager.history(id)} returns them), each incident once, in any order;
     *     read once
     * @param workingHours the calendar that tells working time from after hours
     * @param from the first instant covered
     * @param until the first instant not covered
     * @return the report
     * @throws IllegalArgumentException naming {@code until} if it is not after {@code from}, or
     *     {@code histories} if one history holds events of two incidents or an incident comes twice
     */
    public static PagingReport of(Iterable<List<RecordedEvent>> histories, BusinessCalendar workingHours, Instant from,
            Instant until) {
        Objects.requireNonNull(histories, "histories");
        Objects.requireNonNull(workingHours, "workingHours");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (!until.isAfter(from)) {
            throw Checks.bad("until", "must be after from (" + from + ")", until);
        }
        Set<String> seen = new HashSet<>();
        List<Page> pages = new ArrayList<>();
        for (List<RecordedEvent> history : histories) {
            if (history.isEmpty()) {
                continue;
            }
            String incident = history.get(0).incidentId();
            if (!seen.add(incident)) {
                throw Checks.bad("histories", "must hold each incident once", incident);
            }
            Optional<Instant> acknowledged = Optional.empty();
            for (RecordedEvent e : history) {
                if (!e.incidentId().equals(incident)) {
                    throw Checks.bad("histories", "must each hold one incident's events, not " + incident + "'s and",
                            e.incidentId());
                }
                if (acknowledged.isEmpty() && e.event() instanceof IncidentEvent.Acknowledged) {
                    acknowledged = Optional.of(e.occurredAt());
                }
            }
            for (RecordedEvent e : history) {
                if (e.event() instanceof IncidentEvent.Paged paged && !e.occurredAt().isBefore(from)
                        && e.occurredAt().isBefore(until)) {
                    pages.add(page(incident, paged.person(), e.occurredAt(), workingHours, acknowledged));
                }
            }
        }
        // A stable sort: pages of one incident at one instant keep the order of its history.
        pages.sort(Comparator.comparing(Page::at).thenComparing(Page::incidentId));
        return new PagingReport(from, until, pages, perPerson(pages));
    }

    /**
     * Counts the pages of a report per final shift of a schedule over the report's span.
     *
     * @param report what {@link #of} computed
     * @param schedule the schedule the people were on call by
     * @return one entry per shift of {@code OnCall.shifts(schedule, report.from(), report.until())},
     *     in its order, shifts without pages included
     */
    public static List<ShiftPaging> perShift(PagingReport report, Schedule schedule) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(schedule, "schedule");
        Map<String, List<Page>> byPerson = new HashMap<>();
        for (Page p : report.pages()) {
            byPerson.computeIfAbsent(p.person(), k -> new ArrayList<>()).add(p);
        }
        List<ShiftPaging> out = new ArrayList<>();
        for (Shift shift : OnCall.shifts(schedule, report.from(), report.until())) {
            List<Page> mine = byPerson.getOrDefault(shift.person(), List.of());
            long count = 0;
            long afterHours = 0;
            for (int i = firstAtOrAfter(mine, shift.start()); i < mine.size() && mine.get(i).at().isBefore(shift.end()); i++) {
                count++;
                if (mine.get(i).afterHours()) {
                    afterHours++;
                }
            }
            out.add(new ShiftPaging(shift, count, afterHours));
        }
        return List.copyOf(out);
    }

    private static Page page(String incident, String person, Instant at, BusinessCalendar calendar, Optional<Instant> acknowledged) {
        boolean afterHours = !calendar.isWorkingTime(at);
        if (acknowledged.isEmpty()) {
            return new Page(incident, person, at, afterHours, Outcome.NOT_ACKNOWLEDGED, Optional.empty());
        }
        if (acknowledged.get().isBefore(at)) {
            return new Page(incident, person, at, afterHours, Outcome.PAGED_AFTER_ACKNOWLEDGMENT, Optional.empty());
        }
        return new Page(incident, person, at, afterHours, Outcome.ACKNOWLEDGED, Optional.of(Duration.between(at, acknowledged.get())));
    }

    private static List<PersonPaging> perPerson(List<Page> pages) {
        TreeMap<String, List<Page>> byPerson = new TreeMap<>();
        for (Page p : pages) {
            byPerson.computeIfAbsent(p.person(), k -> new ArrayList<>()).add(p);
        }
        List<PersonPaging> out = new ArrayList<>(byPerson.size());
        byPerson.forEach((person, mine) -> {
            long afterHours = 0;
            long never = 0;
            long late = 0;
            List<Duration> times = new ArrayList<>(mine.size());
            for (Page p : mine) {
                if (p.afterHours()) {
                    afterHours++;
                }
                switch (p.outcome()) {
                    case ACKNOWLEDGED -> times.add(p.timeToAcknowledge().orElseThrow());
                    case NOT_ACKNOWLEDGED -> never++;
                    case PAGED_AFTER_ACKNOWLEDGMENT -> late++;
                }
            }
            out.add(new PersonPaging(person, mine.size(), afterHours, DurationStats.of(times, never), late));
        });
        return out;
    }

    /** @return the index of the first page at or after {@code at} in pages sorted by instant */
    private static int firstAtOrAfter(List<Page> pages, Instant at) {
        int lo = 0;
        int hi = pages.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pages.get(mid).at().isBefore(at)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
