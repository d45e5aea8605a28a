package dev.incidentkit.testkit;

import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.AlertStore.Incoming;
import dev.incidentkit.core.spi.AlertStore.Received;
import dev.incidentkit.core.spi.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every concern of {@link AlertStoreContract} works with: the running test's alert store,
 * fixed instants and short ways to post alerts.
 */
@ExtendWith(ContractResolver.class)
abstract class AlertHarness {

    /** Alerts arrive from here on: a fixed instant with microseconds, as AlertIntake passes them. */
    static final Instant T0 = Instant.parse("2025-08-23T14:30:00.123456Z");

    /** How long a router's claim lasts in these tests. */
    static final Duration CLAIM = Duration.ofSeconds(30);

    AlertStore alerts;
    /** The store {@link #alerts} belongs to: its appends of {@code incident.alert_attached} events attach alerts. */
    EventStore store;

    /** Takes the alert store of the running test from the adapter's contract test it runs in. */
    @BeforeEach
    final void bindStore(AlertStoreContract contract) {
        alerts = contract.alerts();
        store = contract.store();
    }

    /** @return {@link #T0} plus that many seconds */
    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static AlertDetails details(String source, String dedupKey) {
        return AlertDetails.of(source, dedupKey, "Checkout p99 above 2s (" + dedupKey + ")", T0.minusSeconds(60));
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A firing alert as it comes in a list, not suppressed. */
    static Incoming incoming(String id, String source, String dedupKey) {
        return new Incoming(id, details(source, dedupKey), Optional.empty());
    }

    /** Posts a firing alert at {@code now}, not suppressed, claimed for {@link #CLAIM}. */
    Received fire(String source, String dedupKey, Instant now) {
        return alerts.receiveFiring(newId(), details(source, dedupKey), now, Optional.empty(), now.plus(CLAIM));
    }

    /** Posts a firing alert at {@code now}, suppressed by {@code silenceId}. */
    Received fireSuppressed(String source, String dedupKey, Instant now, String silenceId) {
        return alerts.receiveFiring(newId(), details(source, dedupKey), now, Optional.of(silenceId), now.plus(CLAIM));
    }
}
