package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is on call by a {@link Schedule}: pure functions of the schedule and the instants asked
 * about, with no clock and no state.
 *
 * <p>At an instant: if a temporary schedule rules it, whoever holds one of its slots, and nothing
 * else. Otherwise the person of the last layer that has someone (its rotation's shift, in one of
 * its restrictions' windows), then each active override in order: an addition puts its person on
 * call, a removal takes its person off, a replacement puts its replacement where its person is.
 *
 * <p>{@link #shifts} and {@link #whoIsOnCall} agree: a person is on call at an instant exactly
 * when one of the shifts covers it.
 *
 * @since 0.4.0
 */
public final class OnCall {

    private OnCall() {}

    /**
     * @param schedule the schedule
     * @param at an instant
     * @return who is on call at {@code at}, each once, sorted; empty when nobody is
     */
    public static List<String> whoIsOnCall(Schedule schedule, Instant at) {
        List<Layer> layers = schedule.layers();
        return List.copyOf(evaluate(schedule, at, (i, t) -> layers.get(i).personAt(t)).keySet());
    }

    /**
     * The final shifts of a span: each a longest stretch in which one person is on call for one
     * reason (a layer, an override, a temporary schedule), clipped to {@code [from, to)}. A
     * person's consecutive rotation shifts in one layer are one shift here, and two requests that
     * split a span at {@code m} give the shifts of the whole once the pieces that meet at {@code m}
     * (same person, same origin) are joined.
     *
     * @param schedule the schedule
     * @param from the first instant wanted
     * @param to the first instant not wanted, not before {@code from}
     * @return the shifts, sorted by start, then person, then origin
     * @throws IllegalArgumentException naming {@code to} if it is before {@code from}
     */
    public static List<Shift> shifts(Schedule schedule, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw Checks.bad("to", "must not be before from (" + from + ")", to);
        }
        List<Layer> layers = schedule.layers();
        List<List<Shift>> pieces = new ArrayList<>();
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(from);
        for (int i = 0; i < layers.size(); i++) {
            List<Shift> ofLayer = layers.get(i).shifts(from, to, Shift.Origin.layer(i));
            pieces.add(ofLayer);
            for (Shift s : ofLayer) {
                cuts.add(s.start());
                cuts.add(s.end());
            }
        }
        for (ScheduleOverride o : schedule.overrides()) {
            cuts.add(o.start());
            cuts.add(o.end());
        }
        for (TemporarySchedule t : schedule.temporarySchedules()) {
            cuts.add(t.start());
            cuts.add(t.end());
            for (TemporarySchedule.Slot s : t.slots()) {
                cuts.add(s.start());
                cuts.add(s.end());
            }
        }
        Cursor cursor = new Cursor(pieces);
        record Run(String person, Shift.Origin origin) {}
        Map<Run, Instant> open = new HashMap<>();
        List<Shift> out = new ArrayList<>();
        for (Instant cut : cuts.subSet(from, true, to, false)) {
            Map<Run, Instant> next = new HashMap<>();
            evaluate(schedule, cut, cursor).forEach((person, origin) -> {
                Run run = new Run(person, origin);
                Instant since = open.remove(run);
                next.put(run, since != null ? since : cut);
            });
            open.forEach((run, since) -> out.add(new Shift(run.person(), since, cut, run.origin())));
            open.clear();
            open.putAll(next);
        }
        open.forEach((run, since) -> out.add(new Shift(run.person(), since, to, run.origin())));
        out.sort(Comparator.comparing(Shift::start).thenComparing(Shift::person)
                .thenComparing(s -> s.origin().kind()).thenComparingInt(s -> s.origin().index()));
        return List.copyOf(out);
    }

    /** Who a layer has on call at an instant. */
    @FunctionalInterface
    private interface LayerPerson {
        Optional<String> at(int layer, Instant at);
    }

    /** A layer's person from its shifts, for instants asked in increasing order. */
    private static final class Cursor implements LayerPerson {
        private final List<List<Shift>> pieces;
        private final int[] next;

        Cursor(List<List<Shift>> pieces) {
            this.pieces = pieces;
            this.next = new int[pieces.size()];
        }

        @Override
        public Optional<String> at(int layer, Instant at) {
            List<Shift> shifts = pieces.get(layer);
            int i = next[layer];
            while (i < shifts.size() && !shifts.get(i).end().isAfter(at)) {
                i++;
            }
            next[layer] = i;
            return i < shifts.size() && !shifts.get(i).start().isAfter(at) ? Optional.of(shifts.get(i).person()) : Optional.empty();
        }
    }

    /** @return who is on call at {@code at} and why, by person */
    private static TreeMap<String, Shift.Origin> evaluate(Schedule schedule, Instant at, LayerPerson layers) {
        TreeMap<String, Shift.Origin> on = new TreeMap<>();
        List<TemporarySchedule> temporary = schedule.temporarySchedules();
        for (int k = 0; k < temporary.size(); k++) {
            if (temporary.get(k).covers(at)) {
                for (TemporarySchedule.Slot s : temporary.get(k).slots()) {
                    if (!at.isBefore(s.start()) && at.isBefore(s.end())) {
                        on.put(s.person(), Shift.Origin.temporary(k));
                    }
                }
                return on;
            }
        }
        for (int i = schedule.layers().size() - 1; i >= 0; i--) {
            Optional<String> person = layers.at(i, at);
            if (person.isPresent()) {
                on.put(person.get(), Shift.Origin.layer(i));
                break;
            }
        }
        List<ScheduleOverride> overrides = schedule.overrides();
        for (int j = 0; j < overrides.size(); j++) {
            ScheduleOverride o = overrides.get(j);
            if (o.activeAt(at)) {
                switch (o.kind()) {
                    case ADD -> on.put(o.person(), Shift.Origin.override(j));
                    case REMOVE -> on.remove(o.person());
                    case REPLACE -> {
                        if (on.remove(o.person()) != null) {
                            on.put(o.replacement().orElseThrow(), Shift.Origin.override(j));
                        }
                    }
                }
            }
        }
        return on;
    }
}
