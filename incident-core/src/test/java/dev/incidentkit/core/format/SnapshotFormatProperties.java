package dev.incidentkit.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.Incident;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Every incident reads back from its snapshot: the incidents are folds of random histories of
 * every event record, with hostile text, instants to the nanosecond and the edges of time.
 */
class SnapshotFormatProperties {

    @Property(tries = 250)
    void decodingTheEncodingGivesTheIncidentBack(@ForAll("incidents") Incident incident) {
        String snapshot = SnapshotFormat.encode(incident);

        assertThat(SnapshotFormat.decode(snapshot)).isEqualTo(incident);
        assertThat(snapshot).as("one line").doesNotContain("\n", "\r");
        assertThat(SnapshotFormat.encode(SnapshotFormat.decode(snapshot))).isEqualTo(snapshot);
        Statistics.label("status").collect(incident.status());
        Statistics.label("optional parts").collect(incident.acknowledgement().isPresent(),
                !incident.actionItems().isEmpty(), !incident.slaBreaches().isEmpty());
    }

    @Provide
    Arbitrary<Incident> incidents() {
        return EventArbitraries.incident();
    }
}
