package dev.incidentkit.core.statuspage;

import dev.incidentkit.core.ComponentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the public status page shows at one instant.
 *
 * @param generatedAt the instant it describes
 * @param window how far back the history reaches, such as 90 days
 * @param components every component, in the page's order, with its current status
 * @param active the incidents not yet resolved for customers, the most recently updated first
 * @param history the incidents resolved for customers whose latest public update lies in the
 *     window, the most recently updated first
 * @since 0.5.0
 */
public record StatusPage(Instant generatedAt, Duration window, List<Component> components, List<PublicIncident> active,
        List<PublicIncident> history) {

    /** Checks that no component is null, and copies the lists. */
    public StatusPage {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(window, "window");
        components = List.copyOf(components);
        active = List.copyOf(active);
        history = List.copyOf(history);
    }

    /** @return the worst status of any component, or of any active incident if it affects none listed */
    public ComponentStatus overall() {
        ComponentStatus worst = ComponentStatus.OPERATIONAL;
        for (Component c : components) {
            worst = worst.worst(c.status());
        }
        for (PublicIncident i : active) {
            worst = worst.worst(i.impact());
        }
        return worst;
    }

    /**
     * @return the page's headline: {@code All systems operational} when nothing is wrong, else the
     *     overall status, such as {@code Partial outage}
     */
    public String headline() {
        ComponentStatus overall = overall();
        return overall == ComponentStatus.OPERATIONAL ? "All systems operational" : overall.label();
    }
}
