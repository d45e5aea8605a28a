package dev.incidentkit.testkit;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.VerificationResult.Violation;
import dev.incidentkit.core.VerificationResult;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EventStoreContract}: tampering is caught by verify. */
abstract class StoreTamperingCaughtTests extends StoreHarness {

    // The manager starts no thread here; the store it would close on close() is closed after
    // each test, so the manager is left to the garbage collector.
    private IncidentManager incidents;
    private Tampering tampering;
    private String incidentId;
    private long lastVersion;

    @BeforeEach
    void recordAnIncident() {
        incidents = IncidentKit.builder().store(store).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
        tampering = tampering(store);
        incidentId = walkThrough();
        lastVersion = store.readStream(incidentId, 0).size();
        assertThat(lastVersion).as("events of the walk-through").isGreaterThanOrEqualTo(6);
    }

    /** Declares an incident and works on it: one event per command, hostile text included. */
    private String walkThrough() {
        String id = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
        incidents.acknowledge(id, "Looking at DB metrics", as("Zoë O'Brien 🚒 '; DROP TABLE events; --"));
        incidents.investigate(id, "Connection pool at 100%", as("bob"));
        incidents.addNote(id, "<script>alert(1)</script> \"quoted\" \\ עברית\nsecond line", as("bob"));
        incidents.identify(id, "A slow query holds connections", as("carol"));
        incidents.mitigate(id, "Killed the query", as("carol"));
        return id;
    }

    private long firstBadVersion() {
        VerificationResult result = incidents.verify(incidentId);
        assertThat(result.firstBad()).as("verify must report the tampering").isPresent();
        long bad = result.firstBad().map(Violation::version).orElseThrow();
        assertThat(result.eventsChecked()).as("events checked before the bad one").isEqualTo(bad - 1);
        return bad;
    }

    private String storedData(long version) {
        return store.readStream(incidentId, version - 1).get(0).record().data();
    }

    @Test
    @DisplayName("an untouched stream verifies intact")
    void untouched() {
        VerificationResult result = incidents.verify(incidentId);

        assertThat(result.isIntact()).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(lastVersion);
    }

    @ParameterizedTest(name = "data of version {0}")
    @ValueSource(longs = {1, 3, 4})
    @DisplayName("changed data is reported at its version")
    void changedData(long version) {
        String data = storedData(version);
        String changed = data.substring(0, data.length() - 1) + ",\"tampered\":true}";

        tampering.changeData(incidentId, version, changed);

        assertThat(storedData(version)).isEqualTo(changed);
        assertThat(firstBadVersion()).isEqualTo(version);
    }

    @Test
    @DisplayName("changed data of the last event is reported, with no later event to give it away")
    void changedDataOfLastEvent() {
        String data = storedData(lastVersion);

        tampering.changeData(incidentId, lastVersion, data.replace("Killed", "Fixed"));

        assertThat(storedData(lastVersion)).isNotEqualTo(data);
        assertThat(firstBadVersion()).isEqualTo(lastVersion);
    }

    @ParameterizedTest(name = "actor of version {0}")
    @ValueSource(longs = {1, 2, 5})
    @DisplayName("a changed actor is reported at its version")
    void changedActor(long version) {
        tampering.changeActor(incidentId, version, "mallory");

        assertThat(firstBadVersion()).isEqualTo(version);
    }

    @ParameterizedTest(name = "version {0} deleted")
    @ValueSource(longs = {1, 3, 5})
    @DisplayName("a deleted event is reported at its version")
    void deleted(long version) {
        tampering.delete(incidentId, version);

        assertThat(store.readStream(incidentId, 0)).hasSize((int) lastVersion - 1);
        assertThat(firstBadVersion()).isEqualTo(version);
    }

    @ParameterizedTest(name = "versions {0} and {1} swapped")
    @CsvSource({"2, 4", "4, 5", "1, 6", "5, 3"})
    @DisplayName("swapped events are reported at the earlier place")
    void swapped(long versionA, long versionB) {
        tampering.swap(incidentId, versionA, versionB);

        assertThat(firstBadVersion()).isEqualTo(Math.min(versionA, versionB));
    }

    @Test
    @DisplayName("tampering with one incident leaves another intact")
    void otherIncidentIntact() {
        String other = walkThrough();

        tampering.changeData(incidentId, 2, storedData(2).replace("DB", "network"));

        assertThat(firstBadVersion()).isEqualTo(2);
        assertThat(incidents.verify(other).isIntact()).isTrue();
    }
}
