package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.sla.SlaClock;
import dev.incidentkit.core.sla.SlaState;
import dev.incidentkit.core.sla.SlaStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One SLA clock as a page shows it: its name, its state in words (time left, breached, met) and
 * whether it is breached, which the page also marks by colour and an icon-free word.
 *
 * @param name {@code Acknowledge}, {@code Resolve} or {@code Update}
 * @param text such as {@code 12m left}, {@code breached 5m ago}, {@code met} or {@code paused}
 * @param target the target, such as {@code 30m}
 * @param breached whether the clock is breached
 */
public record SlaCell(String name, String text, String target, boolean breached) {

    /** @return the clocks of a status that still matter: pending or breached; the met ones too when {@code all} */
    static List<SlaCell> of(SlaStatus status, boolean all) {
        var out = new ArrayList<SlaCell>();
        for (SlaKind kind : SlaKind.values()) {
            status.clock(kind).ifPresent(clock -> {
                if (all || clock.state() != SlaState.MET) {
                    out.add(of(clock));
                }
            });
        }
        return out;
    }

    static SlaCell of(SlaClock clock) {
        String name = switch (clock.kind()) {
            case ACK -> "Acknowledge";
            case RESOLVE -> "Resolve";
            case UPDATE -> "Update";
        };
        String text = switch (clock.state()) {
            case MET -> "met";
            case BREACHED -> "breached, " + Texts.duration(clock.overdue()) + " over";
            case PENDING -> clock.paused() ? "paused, " + Texts.duration(clock.remaining()) + " left"
                    : clock.deadline().isEmpty() ? "stopped" : Texts.duration(clock.remaining()) + " left";
        };
        return new SlaCell(name, text, Texts.duration(clock.target()), clock.state() == SlaState.BREACHED);
    }

    /** @return how the target reads before it: {@code every} for the update cadence, else {@code within} */
    public String rule() {
        return name.equals("Update") ? "every" : "within";
    }

    /** @return such as {@code Resolve: 3h 12m left} */
    public String line() {
        return name + ": " + text;
    }
}
