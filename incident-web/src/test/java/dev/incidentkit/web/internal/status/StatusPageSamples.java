package dev.incidentkit.web.internal.status;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.statuspage.Component;
import dev.incidentkit.core.statuspage.PublicIncident;
import dev.incidentkit.core.statuspage.PublicUpdate;
import dev.incidentkit.core.statuspage.StatusPage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Status pages built by hand, and what the representations' tests read back from them. */
final class StatusPageSamples {

    static final Instant AT = Instant.parse("2025-08-23T14:25:00Z");

    private StatusPageSamples() {}

    /** @return a page with one active incident (two updates) and one resolved, both of this title and message */
    static StatusPage page(String title, String message) {
        PublicUpdate first = new PublicUpdate(UUID.fromString("00000000-0000-4000-8000-000000000001"), AT.minus(Duration.ofMinutes(20)),
                title, PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE, message);
        PublicUpdate second = new PublicUpdate(UUID.fromString("00000000-0000-4000-8000-000000000002"), AT, title,
                PublicStatus.IDENTIFIED, ComponentStatus.MAJOR_OUTAGE, message);
        PublicIncident active = new PublicIncident("INC-2025-002", title, PublicStatus.IDENTIFIED, ComponentStatus.MAJOR_OUTAGE,
                List.of("checkout"), first.postedAt(), Optional.empty(), List.of(second, first));
        Instant before = AT.minus(Duration.ofDays(3));
        PublicUpdate opened = new PublicUpdate(UUID.fromString("00000000-0000-4000-8000-000000000003"), before, title,
                PublicStatus.INVESTIGATING, ComponentStatus.DEGRADED_PERFORMANCE, message);
        PublicUpdate closed = new PublicUpdate(UUID.fromString("00000000-0000-4000-8000-000000000004"),
                before.plus(Duration.ofMinutes(42)), title, PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL, message);
        PublicIncident resolved = new PublicIncident("INC-2025-001", title, PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL,
                List.of("notifications"), before, Optional.of(closed.postedAt()), List.of(closed, opened));
        return new StatusPage(AT.plus(Duration.ofMinutes(3)), Duration.ofDays(90),
                List.of(new Component("checkout", ComponentStatus.MAJOR_OUTAGE), new Component("notifications",
                        ComponentStatus.OPERATIONAL)), List.of(active), List.of(resolved));
    }

    /** @return every tag of a page, in order: the same for two pages of the same structure */
    static List<String> tags(String markup) {
        return Pattern.compile("<[^<>]*>").matcher(markup).results().map(r -> r.group()).toList();
    }
}
