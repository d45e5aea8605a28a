package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rotation, on call only within its restrictions' windows (always, if it has none). The
 * windows are read on the wall clock of the rotation's zone. In a {@link Schedule}, layers are
 * ordered and the last one that has someone on call at an instant wins, as in PagerDuty.
 *
 * @param name what the layer is called
 * @param rotation who takes turns
 * @param restrictions the windows it is limited to, none for always
 * @since 0.4.0
 */
public record Layer(String name, Rotation rotation, List<Restriction> restrictions) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException naming {@code name} if it is blank or too long
     */
    public Layer {
        Checks.id("name", name);
        Objects.requireNonNull(rotation, "rotation");
        restrictions = List.copyOf(Objects.requireNonNull(restrictions, "restrictions"));
    }

    /**
     * @param rotation who takes turns
     * @param restrictions the windows it is limited to
     * @return a layer named as its rotation
     */
    public static Layer of(Rotation rotation, Restriction... restrictions) {
        return new Layer(rotation.name(), rotation, List.of(restrictions));
    }

    /**
     * @param at an instant
     * @return who this layer has on call at {@code at}: the rotation's person, if a window is open
     */
    public Optional<String> personAt(Instant at) {
        Optional<String> person = rotation.personAt(at);
        if (person.isEmpty() || restrictions.isEmpty()) {
            return person;
        }
        for (Restriction r : restrictions) {
            if (r.contains(at, rotation.zone())) {
                return person;
            }
        }
        return Optional.empty();
    }

    /**
     * @return the rotation's shifts in {@code [from, to)} cut to the restrictions' windows: in
     *     order, none overlapping
     */
    List<Shift> shifts(Instant from, Instant to, Shift.Origin origin) {
        List<Shift> shifts = rotation.shifts(from, to, origin);
        if (restrictions.isEmpty() || shifts.isEmpty()) {
            return shifts;
        }
        List<Instant[]> open = openSpans(from, to);
        List<Shift> out = new ArrayList<>();
        int w = 0;
        for (Shift s : shifts) {
            while (w < open.size() && !open.get(w)[1].isAfter(s.start())) {
                w++;
            }
            for (int i = w; i < open.size() && open.get(i)[0].isBefore(s.end()); i++) {
                Instant b = Rotation.max(open.get(i)[0], s.start());
                Instant e = Rotation.min(open.get(i)[1], s.end());
                if (e.isAfter(b)) {
                    out.add(new Shift(s.person(), b, e, origin));
                }
            }
        }
        return out;
    }

    /** @return the union of every restriction's windows that meet {@code [from, to)}, clipped, in order */
    private List<Instant[]> openSpans(Instant from, Instant to) {
        List<Instant[]> all = new ArrayList<>();
        for (Restriction r : restrictions) {
            all.addAll(r.windows(from, to, rotation.zone()));
        }
        all.sort(Comparator.comparing((Instant[] w) -> w[0]));
        List<Instant[]> union = new ArrayList<>();
        for (Instant[] w : all) {
            Instant b = Rotation.max(w[0], from);
            Instant e = Rotation.min(w[1], to);
            if (!e.isAfter(b)) {
                continue;
            }
            Instant[] last = union.isEmpty() ? null : union.get(union.size() - 1);
            if (last != null && !b.isAfter(last[1])) {
                last[1] = Rotation.max(last[1], e);
            } else {
                union.add(new Instant[] {b, e});
            }
        }
        return union;
    }
}
