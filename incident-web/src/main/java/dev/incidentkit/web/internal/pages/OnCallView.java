package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.oncall.OnCall;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.Schedule;
import dev.incidentkit.core.oncall.Shift;
import dev.incidentkit.web.internal.OnCallWire;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The On call page ({@code /oncall}): the running escalations, when the server has an escalator;
 * and per schedule, who is on call now, until when and why, and the shifts of the next four weeks
 * as a picture (an SVG bar of boxes sized by duration, each person a colour and their name, with a
 * legend and the same shifts as a table).
 *
 * @param frame the page's frame
 * @param at now, in words
 * @param atIso now, for {@code <time datetime>}
 * @param until the end of the picture's span, in words
 * @param schedules the schedules, in the configuration's order
 * @param running the running escalations, soonest due first, at most {@link #RUNNING_SHOWN}, when the server has an escalator
 * @param moreRunning whether more escalations run than are shown
 */
public record OnCallView(Frame frame, String at, String atIso, String until, List<ScheduleRow> schedules,
        Optional<List<EscalationLine>> running, boolean moreRunning) {

    /** The most running escalations the page lists; the API lists more. */
    public static final int RUNNING_SHOWN = 50;

    /** How far the picture looks ahead. */
    static final Duration SPAN = Duration.ofDays(28);
    /** The picture's width in SVG units: a segment's x and width are its share of {@link #SPAN} of it. */
    static final double WIDTH = 1000;
    /** The narrowest segment whose box carries its person's name; a narrower one has it in its tooltip, the legend and the table. */
    static final double NAMED = 36;
    /** Dark colours on which white text has a contrast above 4.5:1, so that a name inside a box is readable. */
    static final List<String> COLOURS = List.of("#1f5fa8", "#2e7d32", "#8e3b8e", "#a35200", "#00707a", "#5f6368", "#b3261e",
            "#6b3fa0");

    /**
     * One schedule.
     *
     * @param id its id, also the element ids' stem
     * @param name its name
     * @param zone its zone
     * @param now who is on call now; empty when nobody is
     * @param segments the shifts of the picture's span, by start
     * @param legend each person of the span, with their colour, in order of first shift
     * @param ticks the week marks of the picture
     * @param htmlId a safe element id for this schedule (the schedule's id may hold anything)
     */
    public record ScheduleRow(String id, String name, String zone, List<Current> now, List<Segment> segments,
            List<Key> legend, List<Tick> ticks, String htmlId) {

        /** @return a description of the picture for assistive technology */
        public String description() {
            return segments.isEmpty() ? "Nobody is on call in the next four weeks."
                    : segments.size() + " shifts in the next four weeks; the table below lists them.";
        }
    }

    /**
     * Someone on call now.
     *
     * @param person who
     * @param until the end of the shift, in words; {@code until further notice} past the look-ahead
     * @param untilIso the same for {@code <time datetime>}, or empty
     * @param why the layer, override or temporary schedule that put them on call
     */
    public record Current(String person, String until, String untilIso, String why) {}

    /**
     * A shift in the picture.
     *
     * @param person who is on call
     * @param start its start (or the span's), in words
     * @param startIso the same, ISO-8601
     * @param end its end (or the span's), in words
     * @param endIso the same, ISO-8601
     * @param why the layer, override or temporary schedule
     * @param x its left edge, in SVG units
     * @param width its width, in SVG units
     * @param colour its person's colour
     * @param named whether its box is wide enough to carry the name
     * @param row which of the bar's lanes it is drawn in: overlapping shifts (an addition) each get one
     * @param lanes how many lanes the bar has
     */
    public record Segment(String person, String start, String startIso, String end, String endIso, String why, String x,
            String width, String colour, boolean named, int row, int lanes) {

        /** @return the box's top in SVG units */
        public String y() {
            return format(Tick.TOP + row * (Tick.BAR / (double) lanes));
        }

        /** @return the box's height in SVG units */
        public String height() {
            return format(Tick.BAR / (double) lanes);
        }

        /** @return the y of the name's baseline inside its box */
        public String textY() {
            return format(Tick.BAR / (double) lanes / 2 + 5);
        }

        /** @return what a pointer over the box says */
        public String tooltip() {
            return person + ", " + start + " to " + end + " (" + why + ")";
        }
    }

    /**
     * A person's colour.
     *
     * @param person who
     * @param colour their colour in the picture
     */
    public record Key(String person, String colour) {}

    /**
     * A week mark above the bar.
     *
     * @param x where, in SVG units
     * @param label the day it marks
     */
    public record Tick(String x, String label) {
        static final double TOP = 22;
        static final double BAR = 44;
    }

    /**
     * @param running the running escalations, soonest due first, when the server has an
     *     escalator: one more than {@link #RUNNING_SHOWN} tells that there are more
     */
    static OnCallView of(OnCallConfig config, Frame frame, Instant now, Optional<List<Escalation>> running) {
        Instant end = now.plus(SPAN);
        Map<String, String> colours = new LinkedHashMap<>();
        List<ScheduleRow> rows = new ArrayList<>();
        int n = 0;
        for (Schedule s : config.schedules().values()) {
            List<Current> current = OnCallWire.current(s, now).stream().map(shift -> {
                var until = OnCallWire.until(shift, now);
                return new Current(shift.person(), until.map(Texts::dateTime).orElse("until further notice"),
                        until.map(Texts::iso).orElse(""), OnCallWire.why(s, shift.origin()));
            }).toList();
            List<Shift> shifts = OnCall.shifts(s, now, end);
            int[] lane = new int[shifts.size()];
            int lanes = lanes(shifts, lane);
            List<Segment> segments = new ArrayList<>();
            List<Key> legend = new ArrayList<>();
            for (int i = 0; i < shifts.size(); i++) {
                Shift shift = shifts.get(i);
                String colour = colours.computeIfAbsent(shift.person(), p -> COLOURS.get(colours.size() % COLOURS.size()));
                if (legend.stream().noneMatch(k -> k.person().equals(shift.person()))) {
                    legend.add(new Key(shift.person(), colour));
                }
                double x = WIDTH * share(now, shift.start());
                double width = WIDTH * share(shift.start(), shift.end());
                segments.add(new Segment(shift.person(), Texts.dateTime(shift.start()), Texts.iso(shift.start()),
                        Texts.dateTime(shift.end()), Texts.iso(shift.end()), OnCallWire.why(s, shift.origin()), format(x),
                        format(width), colour, width >= NAMED, lane[i], lanes));
            }
            List<Tick> ticks = new ArrayList<>();
            for (int week = 0; week <= 4; week++) {
                Instant t = now.plus(Duration.ofDays(7L * week));
                ticks.add(new Tick(format(WIDTH * week / 4), Texts.day(t)));
            }
            rows.add(new ScheduleRow(s.id(), s.name(), s.zone().getId(), current, segments, legend, ticks, "schedule-" + n++));
        }
        return new OnCallView(frame, Texts.dateTime(now), Texts.iso(now), Texts.dateTime(end), rows,
                running.map(list -> list.stream().limit(RUNNING_SHOWN).map(e -> EscalationLine.of(e, now)).toList()),
                running.map(list -> list.size() > RUNNING_SHOWN).orElse(false));
    }

    /**
     * Puts overlapping shifts (two people on call at once, as an addition makes them) in separate
     * lanes: each shift in the first lane free at its start.
     *
     * @param lane where to write each shift's lane, as long as {@code shifts}
     * @return how many lanes there are, at least one
     */
    private static int lanes(List<Shift> shifts, int[] lane) {
        List<Instant> freeFrom = new ArrayList<>();
        for (int i = 0; i < shifts.size(); i++) {
            Shift shift = shifts.get(i);
            int k = 0;
            while (k < freeFrom.size() && freeFrom.get(k).isAfter(shift.start())) {
                k++;
            }
            if (k == freeFrom.size()) {
                freeFrom.add(shift.end());
            } else {
                freeFrom.set(k, shift.end());
            }
            lane[i] = k;
        }
        return Math.max(1, freeFrom.size());
    }

    /** @return the share of {@link #SPAN} from {@code from} to {@code to} */
    private static double share(Instant from, Instant to) {
        return (double) Duration.between(from, to).toMillis() / SPAN.toMillis();
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
