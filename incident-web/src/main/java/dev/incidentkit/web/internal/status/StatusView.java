package dev.incidentkit.web.internal.status;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.statuspage.Component;
import dev.incidentkit.core.statuspage.PublicIncident;
import dev.incidentkit.core.statuspage.PublicUpdate;
import dev.incidentkit.core.statuspage.StatusPage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code status.jte} shows: a {@link StatusPage} with its words, times and CSS classes worked
 * out, so that the template only places them. Times are UTC, each with its ISO instant for a
 * {@code <time datetime>}. Every text comes from public updates, the page's title and the
 * incidents' ids and services.
 *
 * @param title the page's title, such as {@code Acme status}
 * @param headline {@code All systems operational}, or the overall status
 * @param overall the overall status's CSS class, such as {@code partial_outage}
 * @param updatedAt when the latest public update was posted, if any is on the page
 * @param components the components, in the page's order
 * @param active the incidents not yet resolved, most recently updated first
 * @param history the resolved incidents of the window, by the UTC day of their latest update, newest first
 * @param historyDays how many days the history reaches back
 * @param css the stylesheet's path
 * @param icon the icon's path
 */
public record StatusView(String title, String headline, String overall, Optional<Time> updatedAt,
        List<ComponentLine> components, List<IncidentCard> active, List<Day> history, long historyDays, String css,
        String icon) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu", Locale.ENGLISH);

    /**
     * An instant as shown.
     *
     * @param iso the instant, ISO-8601, for {@code datetime}
     * @param text as read, such as {@code Aug 23, 14:30 UTC}
     */
    public record Time(String iso, String text) {
        static Time of(Instant instant) {
            return new Time(instant.toString(), TIME.format(instant));
        }
    }

    /**
     * One component.
     *
     * @param name its name
     * @param label its status in words
     * @param status its status's CSS class, such as {@code operational}
     */
    public record ComponentLine(String name, String label, String status) {}

    /**
     * One public update.
     *
     * @param label its public status in words, such as {@code Monitoring}
     * @param status that status's CSS class
     * @param at when it was posted
     * @param message what customers read; its line breaks are kept by the stylesheet
     */
    public record UpdateLine(String label, String status, Time at, String message) {}

    /**
     * One incident.
     *
     * @param id its id, also the anchor of its card
     * @param title its public title
     * @param label its public status in words
     * @param status that status's CSS class
     * @param impact its impact in words, empty once resolved
     * @param components the affected components, joined with commas; empty when none is listed
     * @param startedAt its first public update
     * @param resolvedAt when it was resolved, if it was
     * @param lasted how long it lasted, such as {@code 1 h 25 min}, once resolved
     * @param updates its public updates, newest first
     */
    public record IncidentCard(String id, String title, String label, String status, String impact, String components,
            Time startedAt, Optional<Time> resolvedAt, String lasted, List<UpdateLine> updates) {}

    /**
     * The resolved incidents of one day.
     *
     * @param date the day, ISO ({@code 2025-08-23})
     * @param text the day as read ({@code Saturday, August 23, 2025})
     * @param incidents its incidents, most recently updated first
     */
    public record Day(String date, String text, List<IncidentCard> incidents) {}

    /**
     * @param page the status page
     * @param title its title
     * @param css the stylesheet's path
     * @param icon the icon's path
     * @return the view of the page
     */
    static StatusView of(StatusPage page, String title, String css, String icon) {
        List<ComponentLine> components = new ArrayList<>();
        for (Component c : page.components()) {
            components.add(new ComponentLine(c.name(), c.status().label(), c.status().wireName()));
        }
        List<IncidentCard> active = page.active().stream().map(StatusView::card).toList();
        List<Day> days = new ArrayList<>();
        for (PublicIncident i : page.history()) {
            LocalDate date = LocalDate.ofInstant(i.latest().postedAt(), ZoneOffset.UTC);
            if (days.isEmpty() || !days.get(days.size() - 1).date().equals(date.toString())) {
                days.add(new Day(date.toString(), DAY.format(date), new ArrayList<>()));
            }
            days.get(days.size() - 1).incidents().add(card(i));
        }
        List<Day> history = days.stream().map(d -> new Day(d.date(), d.text(), List.copyOf(d.incidents()))).toList();
        ComponentStatus overall = page.overall();
        return new StatusView(title, page.headline(), overall.wireName(), StatusFormats.updatedAt(page).map(Time::of),
                components, active, history, page.window().toDays(), css, icon);
    }

    private static IncidentCard card(PublicIncident i) {
        List<UpdateLine> updates = new ArrayList<>();
        for (PublicUpdate u : i.updates()) {
            updates.add(new UpdateLine(u.status().label(), u.status().wireName(), Time.of(u.postedAt()), u.message()));
        }
        String lasted = i.resolvedAt().map(r -> duration(Duration.between(i.startedAt(), r))).orElse("");
        return new IncidentCard(i.id(), i.title(), i.status().label(), i.status().wireName(),
                i.status() == PublicStatus.RESOLVED ? "" : i.impact().label(), String.join(", ", i.components()),
                Time.of(i.startedAt()), i.resolvedAt().map(Time::of), lasted, List.copyOf(updates));
    }

    /** @return {@code 3 d 4 h}, {@code 1 h 25 min}, {@code 12 min} or {@code under a minute} */
    static String duration(Duration d) {
        if (d.isNegative() || d.toMinutes() < 1) {
            return "under a minute";
        }
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes + " min";
    }
}
