package dev.incidentkit.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.testkit.GoldenVectors;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
            Class<?> called = in.event().accept(recording());
            assertThat(called).as(in.name()).isEqualTo(in.event().getClass());
            seen.add(called);
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

    /** A visitor answering with the parameter type of the method called: each record's own, if it calls the right one. */
    @SuppressWarnings("unchecked")
    private static IncidentEvent.Visitor<Class<?>> recording() {
        return (IncidentEvent.Visitor<Class<?>>) Proxy.newProxyInstance(EventCatalogTest.class.getClassLoader(),
                new Class<?>[] {IncidentEvent.Visitor.class}, (proxy, method, args) -> method.getParameterTypes()[0]);
    }
}
