package dev.incidentkit.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.testkit.GoldenVectors;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the compiler cannot demand of a new event record, checked here: a reader in the data
 * format, a method in the visitor (the compiler demands only that each record calls one), and a
 * golden vector.
 */
class EventCatalogTest {

    private static final List<Class<?>> RECORDS = List.of(IncidentEvent.class.getPermittedSubclasses());

    @Test
    void everyRecordHasItsOwnVisitorMethod() {
        Set<Class<?>> visited = Arrays.stream(IncidentEvent.Visitor.class.getDeclaredMethods())
                .map(m -> m.getParameterTypes()[0]).collect(Collectors.toSet());
        assertThat(visited).containsExactlyInAnyOrderElementsOf(RECORDS);
        // Each record calls the method of its own type: a visitor counting calls by type sees each once.
        Set<Class<?>> seen = new HashSet<>();
        for (GoldenVectors.Input in : GoldenVectors.inputs()) {
            seen.add(in.event().accept(new Recording()));
            assertThat(in.event().<Class<?>>accept(new Recording())).isEqualTo(in.event().getClass());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(RECORDS);
    }

    @Test
    void everyRecordHasAReaderAndEveryTypeIsRead() throws Exception {
        for (Class<?> record : RECORDS) {
            List<Method> readers = Arrays.stream(record.getMethods())
                    .filter(m -> m.getName().equals("read") && m.getReturnType() == record).collect(Collectors.toList());
            assertThat(readers).as(record.getSimpleName() + ".read").hasSize(1);
        }
        assertThat(EventTypes.ALL).isEqualTo(EventDataFormat.types()).doesNotHaveDuplicates();
        Set<String> written = GoldenVectors.inputs().stream().map(i -> i.event().type()).collect(Collectors.toSet());
        assertThat(written).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    }

    @Test
    void everyRecordHasAGoldenVector() {
        Set<Class<?>> covered = GoldenVectors.inputs().stream().map(i -> i.event().getClass()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(RECORDS);
    }

    /** Answers with the type of the method called. */
    private static final class Recording implements IncidentEvent.Visitor<Class<?>> {
        @Override public Class<?> declared(IncidentEvent.Declared e) { return IncidentEvent.Declared.class; }
        @Override public Class<?> acknowledged(IncidentEvent.Acknowledged e) { return IncidentEvent.Acknowledged.class; }
        @Override public Class<?> statusChanged(IncidentEvent.StatusChanged e) { return IncidentEvent.StatusChanged.class; }
        @Override public Class<?> noteAdded(IncidentEvent.NoteAdded e) { return IncidentEvent.NoteAdded.class; }
        @Override public Class<?> severityChanged(IncidentEvent.SeverityChanged e) { return IncidentEvent.SeverityChanged.class; }
        @Override public Class<?> serviceCorrelated(IncidentEvent.ServiceCorrelated e) { return IncidentEvent.ServiceCorrelated.class; }
        @Override public Class<?> roleAssigned(IncidentEvent.RoleAssigned e) { return IncidentEvent.RoleAssigned.class; }
        @Override public Class<?> actionItemAdded(IncidentEvent.ActionItemAdded e) { return IncidentEvent.ActionItemAdded.class; }
        @Override public Class<?> actionItemCompleted(IncidentEvent.ActionItemCompleted e) { return IncidentEvent.ActionItemCompleted.class; }
        @Override public Class<?> postmortemUpdated(IncidentEvent.PostmortemUpdated e) { return IncidentEvent.PostmortemUpdated.class; }
        @Override public Class<?> slaBreached(IncidentEvent.SlaBreached e) { return IncidentEvent.SlaBreached.class; }
        @Override public Class<?> canceled(IncidentEvent.Canceled e) { return IncidentEvent.Canceled.class; }
        @Override public Class<?> markedDuplicate(IncidentEvent.MarkedDuplicate e) { return IncidentEvent.MarkedDuplicate.class; }
    }
}
