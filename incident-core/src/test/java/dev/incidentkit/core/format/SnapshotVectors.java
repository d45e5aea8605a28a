package dev.incidentkit.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.testkit.GoldenVectors;
import dev.incidentkit.testkit.GoldenVectors.Vector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The snapshot vectors: the incidents the golden event chains fold to ({@link #cases()}), and
 * their snapshots as written once into {@value #RESOURCE} ({@link #load()}).
 */
final class SnapshotVectors {

    static final String RESOURCE = "/dev/incidentkit/testkit/golden/snapshot-v1.json";
    /** The long-values incident's 10,000-character description is pinned twice, not at each of its versions. */
    private static final Set<String> LONG_VALUES_PINNED = Set.of("marked-duplicate", "sla-breached-ack-long-target");

    private SnapshotVectors() {}

    /**
     * @param name the golden vector after which the incident is taken
     * @param incident the fold of its chain up to that vector
     */
    record Case(String name, Incident incident) {}

    /**
     * @param name the case's name
     * @param incidentId its incident
     * @param version its version
     * @param snapshot its snapshot as written
     */
    record Stored(String name, String incidentId, long version, String snapshot) {}

    /**
     * @return the incident after each event of the chains that start with a declaration, then
     *     the closed walkthrough downgraded to SEV-3, by hand: no chain lowers a severity, so
     *     none has a peak above its severity
     */
    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (List<Vector> chain : GoldenVectors.loadByIncident().values()) {
            if (!chain.get(0).record().type().equals("incident.declared")) {
                continue;
            }
            List<RecordedEvent> history = new ArrayList<>();
            boolean longValues = chain.get(0).record().incidentId().length() > 60;
            for (Vector v : chain) {
                history.add(new RecordedEvent(new StoredEvent(LogPosition.of(history.size() + 1L), v.record()), v.event()));
                if (!longValues || LONG_VALUES_PINNED.contains(v.name())) {
                    cases.add(new Case(v.name(), Incident.replay(history)));
                }
            }
        }
        Incident closed = cases.stream().filter(c -> c.name().equals("status-closed")).findFirst().orElseThrow().incident();
        cases.add(new Case("downgraded-by-hand", new Incident(closed.id(), closed.title(), closed.description(),
                Severity.SEV3, closed.peakSeverity(), closed.status(), closed.service(), closed.correlatedServices(),
                closed.roles(), closed.warRoom(), closed.declaredBy(), closed.milestones(), closed.acknowledgement(),
                closed.lastUpdateAt(), closed.notesCount(), closed.actionItems(), closed.postmortem(),
                closed.slaBreaches(), closed.reopenCount(), closed.cancelReason(), closed.duplicateOf(),
                closed.version() + 1)));
        return cases;
    }

    /** @return the snapshots written into the resource, in its order */
    static List<Stored> load() {
        JsonNode file;
        try (InputStream s = SnapshotVectors.class.getResourceAsStream(RESOURCE)) {
            if (s == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            file = new ObjectMapper().readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Stored> out = new ArrayList<>();
        file.get("snapshots").forEach(v -> out.add(new Stored(v.get("name").textValue(),
                v.get("incident_id").textValue(), v.get("version").longValue(), v.get("snapshot").textValue())));
        return out;
    }
}
