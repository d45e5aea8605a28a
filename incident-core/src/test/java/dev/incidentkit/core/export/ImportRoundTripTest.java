package dev.incidentkit.core.export;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentAlreadyExistsException;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.testkit.SimpleEventStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A CloudEvents export imported into an empty store gives back the same incidents, event for event. */
class ImportRoundTripTest {

    enum Format {
        LINES(CloudEventsExport::lines),
        BATCH(CloudEventsExport::batch);

        final BiFunction<List<RecordedEvent>, CloudEventCodec, String> export;

        Format(BiFunction<List<RecordedEvent>, CloudEventCodec, String> export) {
            this.export = export;
        }
    }

    private IncidentManager original;
    private List<String> ids;
    private List<RecordedEvent> everything;

    @BeforeEach
    void buildTheOriginals() {
        original = ExportFixtures.manager(new SimpleEventStore());
        ids = List.of(ExportFixtures.walkthrough(original), ExportFixtures.hostile(original),
                ExportFixtures.longIncident(original, 150, ExportFixtures.at(180)));
        everything = new ArrayList<>();
        for (String id : ids) {
            everything.addAll(original.history(id));
        }
    }

    @AfterEach
    void close() {
        original.close();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void anExportImportedIntoAnEmptyStoreIsTheSameIncidents(Format format) {
        String export = format.export.apply(everything, original.cloudEvents());
        SimpleEventStore store = new SimpleEventStore();

        ImportSummary summary = Imports.cloudEvents(export, original.cloudEvents(), store);

        assertThat(summary.imported()).isEqualTo(ids);
        assertThat(summary.alreadyPresent()).isEmpty();
        assertThat(summary.isComplete()).isTrue();
        assertThat(summary.eventsWritten()).isEqualTo(everything.size());
        try (IncidentManager copy = ExportFixtures.manager(store)) {
            assertThat(copy.list()).isEqualTo(original.list());
            for (String id : ids) {
                assertThat(records(copy.history(id))).isEqualTo(records(original.history(id)));
                assertThat(copy.timeline(id)).isEqualTo(original.timeline(id));
                assertThat(copy.verify(id)).isEqualTo(original.verify(id));
                assertThat(copy.verify(id).isIntact()).isTrue();
                assertThat(MarkdownExport.postmortem(copy.history(id))).isEqualTo(MarkdownExport.postmortem(original.history(id)));
            }
            // Incidents declared after the import do not take an imported id.
            Incident next = copy.declare(Declare.of("After the import", Severity.SEV4, "search"),
                    as("alice").at(ExportFixtures.at(600)));
            assertThat(next.id()).isEqualTo("INC-2025-004");
        }
    }

    @Test
    void importingTheSameExportAgainWritesNothing() {
        String export = CloudEventsExport.lines(everything, original.cloudEvents());
        SimpleEventStore store = new SimpleEventStore();
        Imports.cloudEventsLines(export, original.cloudEvents(), store);
        LogPosition head = store.head();

        ImportSummary again = Imports.cloudEventsLines(export, original.cloudEvents(), store);

        assertThat(again.imported()).isEmpty();
        assertThat(again.alreadyPresent()).isEqualTo(ids);
        assertThat(again.eventsWritten()).isZero();
        assertThat(store.head()).isEqualTo(head);
    }

    @Test
    void anIncidentTheStoreAlreadyHasIsRefusedAndTheOthersAreImported() {
        SimpleEventStore store = new SimpleEventStore();
        List<RecordedEvent> theirs;
        try (IncidentManager other = ExportFixtures.manager(store)) {
            other.declare(Declare.of("Their own first incident", Severity.SEV3, "db"), as("zoe").at(ExportFixtures.at(0)));
            theirs = other.history("INC-2025-001");
        }

        ImportSummary summary = Imports.cloudEventsBatch(CloudEventsExport.batch(everything, original.cloudEvents()),
                original.cloudEvents(), store);

        assertThat(summary.isComplete()).isFalse();
        assertThat(summary.rejected()).singleElement().satisfies(r -> {
            assertThat(r.incidentId()).isEqualTo("INC-2025-001");
            assertThat(r.reason()).isInstanceOf(IncidentAlreadyExistsException.class)
                    .hasMessageContaining("INC-2025-001 already exists in the store with 1 events");
            assertThat(((IncidentAlreadyExistsException) r.reason()).storedVersion()).isEqualTo(1);
        });
        assertThat(summary.imported()).containsExactly("INC-2025-002", "INC-2025-003");
        try (IncidentManager copy = ExportFixtures.manager(store)) {
            assertThat(copy.history("INC-2025-001")).isEqualTo(theirs);
            assertThat(records(copy.history("INC-2025-002"))).isEqualTo(records(original.history("INC-2025-002")));
        }
    }

    @Test
    void anOlderExportOfTheSameIncidentIsNotMixedWithTheNewer() {
        List<RecordedEvent> walkthrough = original.history("INC-2025-001");
        SimpleEventStore store = new SimpleEventStore();
        Imports.cloudEventsLines(CloudEventsExport.lines(walkthrough.subList(0, 5), original.cloudEvents()),
                original.cloudEvents(), store);

        ImportSummary summary = Imports.cloudEventsLines(CloudEventsExport.lines(walkthrough, original.cloudEvents()),
                original.cloudEvents(), store);

        assertThat(summary.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isInstanceOf(IncidentAlreadyExistsException.class));
        assertThat(store.readStream("INC-2025-001", 0)).hasSize(5);
    }

    @Test
    void linesInAnyOrderImportTheSame() {
        List<String> lines = new ArrayList<>(Arrays.asList(
                CloudEventsExport.lines(everything, original.cloudEvents()).split("\n")));
        Collections.shuffle(lines, new Random(42));
        SimpleEventStore store = new SimpleEventStore();

        Imports.cloudEventsLines(String.join("\r\n", lines) + "\r\n\r\n", original.cloudEvents(), store);

        try (IncidentManager copy = ExportFixtures.manager(store)) {
            for (String id : ids) {
                assertThat(records(copy.history(id))).isEqualTo(records(original.history(id)));
            }
        }
    }

    @Test
    void aChangedEventIsDetectedAndNothingIsWritten() {
        String export = CloudEventsExport.lines(everything, original.cloudEvents());
        String tampered = export.replace("Checkout service experiencing high database latency",
                "Checkout service experiencing slight database latency");
        SimpleEventStore store = new SimpleEventStore();

        assertThatThrownBy(() -> Imports.cloudEventsLines(tampered, original.cloudEvents(), store))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("hash must match the event's content (incident INC-2025-001 version 1)");
        assertThat(store.head()).isEqualTo(LogPosition.START);
    }

    @Test
    void aRemovedEventIsDetectedAndNothingIsWritten() {
        List<String> lines = new ArrayList<>(Arrays.asList(
                CloudEventsExport.lines(everything, original.cloudEvents()).split("\n")));
        lines.remove(3);
        SimpleEventStore store = new SimpleEventStore();

        assertThatThrownBy(() -> Imports.cloudEventsLines(String.join("\n", lines), original.cloudEvents(), store))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("INC-2025-001 has version 5 where 4 should be");
        assertThat(store.head()).isEqualTo(LogPosition.START);
    }

    @Test
    void anIncidentWithoutItsDeclarationIsRefused() {
        List<RecordedEvent> walkthrough = original.history("INC-2025-001");
        SimpleEventStore store = new SimpleEventStore();

        assertThatThrownBy(() -> Imports.cloudEventsBatch(
                CloudEventsExport.batch(walkthrough.subList(1, walkthrough.size()), original.cloudEvents()),
                original.cloudEvents(), store))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("has version 2 where 1 should be");
        assertThat(store.head()).isEqualTo(LogPosition.START);
    }

    @Test
    void aMalformedLineIsNamedAndNothingIsWritten() {
        String export = CloudEventsExport.lines(everything, original.cloudEvents());
        String[] lines = export.split("\n");
        lines[2] = lines[2].replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.1\"");
        SimpleEventStore store = new SimpleEventStore();

        assertThatThrownBy(() -> Imports.cloudEventsLines(String.join("\n", lines), original.cloudEvents(), store))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("line 3: cloudevent must be a CloudEvent");
        assertThatThrownBy(() -> Imports.cloudEvents("[{\"nope\": 1}]", original.cloudEvents(), store))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Imports.cloudEventsLines(export + export, original.cloudEvents(), store))
                .isInstanceOf(ValidationException.class).hasMessageContaining("must be unique in the export");
        assertThat(store.head()).isEqualTo(LogPosition.START);
    }

    @Test
    void anEmptyExportImportsNothing() {
        ImportSummary summary = Imports.cloudEvents("\n", original.cloudEvents(), new SimpleEventStore());
        assertThat(summary.imported()).isEmpty();
        assertThat(summary.eventsWritten()).isZero();
        assertThat(Imports.cloudEvents("[]", original.cloudEvents(), new SimpleEventStore()).imported()).isEmpty();
    }

    private static List<EventRecord> records(List<RecordedEvent> history) {
        return history.stream().map(e -> e.stored().record()).collect(Collectors.toList());
    }
}
