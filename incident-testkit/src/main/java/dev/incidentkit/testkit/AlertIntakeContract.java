package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.AlertReceipt;
import dev.incidentkit.core.alert.AlertReceipt.Outcome;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.alert.AlertSignal;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.alert.Grouping;
import dev.incidentkit.core.alert.LabelMatcher;
import dev.incidentkit.core.alert.Silence;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.MarkdownExport;
import dev.incidentkit.core.export.TextExport;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.EventStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@link AlertIntake} does on a store: dedup, grouping, severity and service mapping, storms,
 * silences, resolution, and the takeover of a claim whose process died. A store adapter with an
 * {@link EventStore#alertStore() alert store} runs it beside {@code AlertStoreContract}:
 *
 * <pre>{@code
 * class PostgresAlertIntakeTest extends AlertIntakeContract {
 *     protected EventStore createStore() { return JdbcEventStore.builder(freshDatabase()).build(); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty store and a manual clock; nothing sleeps.
 *
 * @since 0.3.0
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class AlertIntakeContract {

    private static final Instant T0 = Instant.parse("2026-12-03T09:15:00Z");
    private static final Actor AM = Actor.of("integration:alertmanager");

    private final List<AutoCloseable> opened = new ArrayList<>();
    /** The clock of the managers this test made. */
    protected final ManualClock clock = ManualClock.at(T0);

    /** Creates an adapter test. */
    protected AlertIntakeContract() {}

    /** @return a fresh, empty store with an alert store, for one test; it is closed after the test */
    protected abstract EventStore createStore();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A manager and an intake on a fresh store. */
    private record Setup(EventStore store, IncidentManager incidents, AlertIntake intake) {
        AlertStore alerts() {
            return store.alertStore().orElseThrow();
        }
    }

    /** @return a fresh store, closed after the test: for the concerns nested here */
    final EventStore openedStore() {
        EventStore store = createStore();
        opened.add(store);
        assertThat(store.alertStore()).as("the store keeps alerts").isPresent();
        return store;
    }

    /** @return a manager on the store with this test's clock, closed after the test */
    final IncidentManager openedManager(EventStore store) {
        IncidentManager incidents = IncidentKit.builder().store(store).clock(clock).build();
        opened.add(incidents);
        return incidents;
    }

    @Nested
    @DisplayName("recovery: failures, retries and races")
    class Recovery extends AlertIntakeRecoveryTests {}

    @Nested
    @DisplayName("a post's alerts received together")
    class Batches extends AlertIntakeBatchTests {}

    private Setup setup(AlertRules rules) {
        EventStore store = openedStore();
        IncidentManager incidents = openedManager(store);
        return new Setup(store, incidents, AlertIntake.of(incidents, store, rules));
    }

    private Setup setup() {
        return setup(AlertRules.defaults());
    }

    private static AlertDetails alert(String key, String summary, Map<String, String> labels) {
        return AlertDetails.of("alertmanager", key, summary, T0.minusSeconds(150)).withSeverity("critical")
                .withLabels(labels)
                .withAnnotations(Map.of("description", "p99 = 2.4s for 5m", "runbook_url", "https://runbooks.example/checkout"))
                .withLinks(Map.of("Source", "http://prometheus:9090/graph?g0.expr=x%3E1"));
    }

    private static AlertSignal.Firing firing(String key, String group) {
        return new AlertSignal.Firing(alert(key, "Checkout p99 latency above 2s (" + key + ")",
                Map.of("alertname", "CheckoutLatency", "service", "checkout", "pod", key)), Optional.of(group));
    }

    private static List<IncidentEvent> events(IncidentManager m, String incidentId, String type) {
        return m.history(incidentId).stream().map(RecordedEvent::event).filter(e -> e.type().equals(type)).toList();
    }

    // ---- a new alert, and its repeats ---------------------------------------------------------

    @Test
    void aNewAlertDeclaresAnIncidentFromItsFieldsAndIsOnItsTimelineAndChain() {
        Setup s = setup();
        AlertReceipt r = s.intake().receive(firing("fp-1", "{}:{alertname=\"CheckoutLatency\"}"), AM);

        assertThat(r.outcome()).isEqualTo(Outcome.DECLARED);
        Incident incident = s.incidents().get(r.incidentId().orElseThrow());
        assertThat(incident.title()).isEqualTo("Checkout p99 latency above 2s (fp-1)");
        assertThat(incident.severity()).isEqualTo(Severity.SEV1);
        assertThat(incident.service()).isEqualTo("checkout");
        assertThat(incident.description()).contains("p99 = 2.4s for 5m", "alertmanager", "fp-1");
        assertThat(incident.milestones().impactStartedAt()).isEqualTo(T0.minusSeconds(150));
        assertThat(incident.milestones().detectedAt()).isEqualTo(T0);
        assertThat(incident.declaredBy()).isEqualTo(AM);

        List<IncidentEvent> attached = events(s.incidents(), incident.id(), EventTypes.ALERT_ATTACHED);
        assertThat(attached).singleElement().satisfies(e -> {
            IncidentEvent.AlertAttached a = (IncidentEvent.AlertAttached) e;
            assertThat(a.alertId()).isEqualTo(r.alert().orElseThrow().id());
            assertThat(a.alert()).isEqualTo(r.alert().orElseThrow().details());
        });
        assertThat(s.incidents().verify(incident.id()).isIntact()).isTrue();
        assertThat(TextExport.timeline(s.incidents().history(incident.id()), ZoneOffset.UTC))
                .contains("Alert from alertmanager attached");
        assertThat(MarkdownExport.postmortem(s.incidents().history(incident.id()), ZoneOffset.UTC))
                .contains("Alert from alertmanager attached");

        Alert stored = r.alert().orElseThrow();
        assertThat(stored.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(stored.repeats()).isEqualTo(1);
        assertThat(stored.incidentId()).contains(incident.id());
        assertThat(stored.firstSeen()).isEqualTo(T0);
    }

    @Test
    void aRepeatOfAFiringAlertCountsAndCreatesNothing() {
        Setup s = setup();
        String id = s.intake().receive(firing("fp-1", "g"), AM).incidentId().orElseThrow();
        long version = s.incidents().get(id).version();
        clock.advance(Duration.ofMinutes(5));

        AlertReceipt again = s.intake().receive(firing("fp-1", "g"), AM);
        AlertReceipt third = s.intake().receive(firing("fp-1", "other group"), AM);

        assertThat(again.outcome()).isEqualTo(Outcome.REPEATED);
        assertThat(third.outcome()).isEqualTo(Outcome.REPEATED);
        assertThat(third.alert().orElseThrow().repeats()).isEqualTo(3);
        assertThat(third.alert().orElseThrow().lastSeen()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(third.incidentId()).contains(id);
        assertThat(s.incidents().count(IncidentQuery.all())).isEqualTo(1);
        assertThat(s.incidents().get(id).version()).isEqualTo(version);
    }

    // ---- grouping -----------------------------------------------------------------------------

    @Test
    void alertsOfOneSourceGroupJoinOneIncidentAndOtherGroupsDeclareTheirOwn() {
        Setup s = setup();
        AlertReceipt a = s.intake().receive(firing("fp-1", "group-a"), AM);
        AlertReceipt b = s.intake().receive(firing("fp-2", "group-a"), AM);
        AlertReceipt c = s.intake().receive(firing("fp-3", "group-b"), AM);

        assertThat(b.outcome()).isEqualTo(Outcome.JOINED);
        assertThat(b.incidentId()).isEqualTo(a.incidentId());
        assertThat(c.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(c.incidentId()).isNotEqualTo(a.incidentId());
        assertThat(events(s.incidents(), a.incidentId().orElseThrow(), EventTypes.ALERT_ATTACHED)).hasSize(2);
        assertThat(s.intake().alerts(AlertQuery.recent().incident(a.incidentId().orElseThrow())))
                .extracting(x -> x.details().dedupKey()).containsExactlyInAnyOrder("fp-1", "fp-2");
    }

    @Test
    void aGroupWhoseIncidentIsNoLongerActiveDeclaresANewOne() {
        Setup s = setup();
        String first = s.intake().receive(firing("fp-1", "g"), AM).incidentId().orElseThrow();
        s.incidents().resolve(first, "fixed", CommandContext.as("carl"));

        AlertReceipt next = s.intake().receive(firing("fp-2", "g"), AM);

        assertThat(next.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(next.incidentId()).isPresent().isNotEqualTo(Optional.of(first));
    }

    @Test
    void anAlertWithoutASourceGroupIsAGroupOfItsOwn() {
        Setup s = setup();
        AlertReceipt a = s.intake().receive(new AlertSignal.Firing(alert("k1", "Disk full", Map.of()), Optional.empty()), AM);
        AlertReceipt b = s.intake().receive(new AlertSignal.Firing(alert("k2", "Disk full", Map.of()), Optional.empty()), AM);
        assertThat(a.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(b.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(a.incidentId()).isNotEqualTo(b.incidentId());
    }

    @Test
    void byAllLabelsAlertsWithEqualValuesJoinWithinTheWindowOnly() {
        Setup s = setup(AlertRules.builder()
                .grouping(Grouping.byLabels(Grouping.Match.ALL, Duration.ofMinutes(30), List.of("service", "alertname")))
                .build());
        AlertReceipt a = s.intake().receive(labelled("k1", Map.of("service", "checkout", "alertname", "Latency")), AM);
        AlertReceipt b = s.intake().receive(labelled("k2", Map.of("service", "checkout", "alertname", "Latency", "pod", "p2")), AM);
        AlertReceipt other = s.intake().receive(labelled("k3", Map.of("service", "checkout", "alertname", "Errors")), AM);
        clock.advance(Duration.ofMinutes(31));
        AlertReceipt late = s.intake().receive(labelled("k4", Map.of("service", "checkout", "alertname", "Latency")), AM);

        assertThat(b.incidentId()).isEqualTo(a.incidentId());
        assertThat(other.incidentId()).isNotEqualTo(a.incidentId());
        assertThat(late.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(late.incidentId()).isNotEqualTo(a.incidentId());
    }

    @Test
    void byAnyLabelAnAlertJoinsTheGroupOfAnyEqualValue() {
        Setup s = setup(AlertRules.builder()
                .grouping(Grouping.byLabels(Grouping.Match.ANY, Duration.ofHours(1), List.of("cluster", "service")))
                .build());
        AlertReceipt a = s.intake().receive(labelled("k1", Map.of("cluster", "eu-1", "service", "checkout")), AM);
        AlertReceipt byService = s.intake().receive(labelled("k2", Map.of("cluster", "us-1", "service", "checkout")), AM);
        AlertReceipt byCluster = s.intake().receive(labelled("k3", Map.of("cluster", "eu-1", "service", "search")), AM);
        // k3 put search into the group: an alert equal to any alert of it on any label joins it.
        AlertReceipt bySearch = s.intake().receive(labelled("k4", Map.of("cluster", "ap-1", "service", "search")), AM);
        AlertReceipt neither = s.intake().receive(labelled("k5", Map.of("cluster", "ap-2", "service", "billing")), AM);

        assertThat(byService.incidentId()).isEqualTo(a.incidentId());
        assertThat(byCluster.incidentId()).isEqualTo(a.incidentId());
        assertThat(bySearch.incidentId()).isEqualTo(a.incidentId());
        assertThat(neither.outcome()).isEqualTo(Outcome.DECLARED);
    }

    @Test
    void neverGroupingDeclaresAnIncidentPerAlert() {
        Setup s = setup(AlertRules.builder().grouping(Grouping.never()).build());
        AlertReceipt a = s.intake().receive(firing("fp-1", "g"), AM);
        AlertReceipt b = s.intake().receive(firing("fp-2", "g"), AM);
        assertThat(a.incidentId()).isNotEqualTo(b.incidentId());
    }

    private static AlertSignal.Firing labelled(String key, Map<String, String> labels) {
        return new AlertSignal.Firing(alert(key, "Alert " + key, labels), Optional.empty());
    }

    // ---- severity and service mapping -----------------------------------------------------------

    @Test
    void severitiesMapAsConfiguredAndTheServiceFallsBackToTheSource() {
        Setup s = setup(AlertRules.builder().severity("page", Severity.SEV1).otherSeverity(Severity.SEV4)
                .grouping(Grouping.never()).build());
        Map<String, Severity> expected = Map.of("critical", Severity.SEV1, "ERROR", Severity.SEV2,
                "warning", Severity.SEV3, "info", Severity.SEV4, "page", Severity.SEV1, "whatever", Severity.SEV4);
        expected.forEach((word, severity) -> {
            AlertReceipt r = s.intake().receive(new AlertSignal.Firing(AlertDetails.of("pagerduty", "k-" + word,
                    "Something " + word, T0).withSeverity(word).withLabels(Map.of("service", "Not A Service!")),
                    Optional.empty()), AM);
            Incident incident = s.incidents().get(r.incidentId().orElseThrow());
            assertThat(incident.severity()).as(word).isEqualTo(severity);
            assertThat(incident.service()).as(word).isEqualTo("pagerduty");
        });
    }

    @Test
    void anImpactStartInTheFutureOrLongAgoIsKeptWithinBounds() {
        Setup s = setup(AlertRules.builder().grouping(Grouping.never()).build());
        AlertReceipt future = s.intake().receive(new AlertSignal.Firing(AlertDetails.of("alertmanager", "f",
                "Clock skew", T0.plusSeconds(90)), Optional.empty()), AM);
        AlertReceipt old = s.intake().receive(new AlertSignal.Firing(AlertDetails.of("alertmanager", "o",
                "Old", Instant.parse("2001-01-01T00:00:00Z")), Optional.empty()), AM);
        assertThat(s.incidents().get(future.incidentId().orElseThrow()).milestones().impactStartedAt()).isEqualTo(T0);
        assertThat(s.incidents().get(old.incidentId().orElseThrow()).milestones().impactStartedAt())
                .isEqualTo(T0.minus(Duration.ofDays(30)));
    }

    // ---- resolution ---------------------------------------------------------------------------

    @Test
    void aResolvedAlertIsOnTheTimelineAndTheLastOneAddsANote() {
        Setup s = setup();
        String id = s.intake().receive(firing("fp-1", "g"), AM).incidentId().orElseThrow();
        s.intake().receive(firing("fp-2", "g"), AM);
        clock.advance(Duration.ofMinutes(10));

        AlertReceipt first = s.intake().receive(new AlertSignal.Resolved("alertmanager", "fp-1"), AM);
        assertThat(first.outcome()).isEqualTo(Outcome.RESOLVED);
        assertThat(first.alert().orElseThrow().resolvedAt()).contains(T0.plus(Duration.ofMinutes(10)));
        assertThat(events(s.incidents(), id, EventTypes.NOTE_ADDED)).isEmpty();

        s.intake().receive(new AlertSignal.Resolved("alertmanager", "fp-2"), AM);
        assertThat(events(s.incidents(), id, EventTypes.ALERT_RESOLVED)).hasSize(2);
        assertThat(events(s.incidents(), id, EventTypes.NOTE_ADDED)).singleElement()
                .satisfies(e -> assertThat(e.timelineText()).contains("Every alert of this incident has resolved"));
        assertThat(s.incidents().get(id).status()).isEqualTo(Status.OPEN);

        AlertReceipt again = s.intake().receive(new AlertSignal.Resolved("alertmanager", "fp-2"), AM);
        AlertReceipt unknown = s.intake().receive(new AlertSignal.Resolved("alertmanager", "never-seen"), AM);
        assertThat(again.outcome()).isEqualTo(Outcome.NOT_FIRING);
        assertThat(unknown.outcome()).isEqualTo(Outcome.NOT_FIRING);
        assertThat(unknown.alert()).isEmpty();
        assertThat(events(s.incidents(), id, EventTypes.ALERT_RESOLVED)).hasSize(2);
    }

    @Test
    void withAutoResolveTheIncidentResolvesWithItsLastAlert() {
        Setup s = setup(AlertRules.builder().autoResolve(true).build());
        String id = s.intake().receive(firing("fp-1", "g"), AM).incidentId().orElseThrow();
        clock.advance(Duration.ofMinutes(20));
        s.intake().receive(new AlertSignal.Resolved("alertmanager", "fp-1"), AM);

        Incident incident = s.incidents().get(id);
        assertThat(incident.status()).isEqualTo(Status.RESOLVED);
        assertThat(incident.milestones().resolvedAt()).contains(T0.plus(Duration.ofMinutes(20)));
    }

    @Test
    void anAlertThatFiresAgainAfterItResolvedIsANewEpisode() {
        Setup s = setup();
        AlertReceipt first = s.intake().receive(firing("fp-1", "g"), AM);
        s.intake().receive(new AlertSignal.Resolved("alertmanager", "fp-1"), AM);
        clock.advance(Duration.ofMinutes(1));
        AlertReceipt again = s.intake().receive(firing("fp-1", "g"), AM);

        assertThat(again.outcome()).isEqualTo(Outcome.JOINED);   // the incident is still open
        assertThat(again.incidentId()).isEqualTo(first.incidentId());
        assertThat(again.alert().orElseThrow().id()).isNotEqualTo(first.alert().orElseThrow().id());
        assertThat(again.alert().orElseThrow().repeats()).isEqualTo(1);
    }

    @Test
    void anAcknowledgmentAtTheSourceAcknowledgesAnOpenIncident() {
        Setup s = setup();
        String id = s.intake().receive(firing("fp-1", "g"), AM).incidentId().orElseThrow();
        clock.advance(Duration.ofMinutes(2));
        AlertReceipt r = s.intake().receive(new AlertSignal.Acknowledged("alertmanager", "fp-1"), AM);

        assertThat(r.outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(s.incidents().get(id).status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(s.intake().receive(new AlertSignal.Acknowledged("alertmanager", "fp-1"), AM).outcome())
                .isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(s.intake().receive(new AlertSignal.Acknowledged("alertmanager", "nope"), AM).outcome())
                .isEqualTo(Outcome.NOT_FIRING);
    }

    // ---- storms and silences ----------------------------------------------------------------

    @Test
    void pastTheStormLimitNewGroupsJoinOneStormIncidentUntilTheNextMinute() {
        Setup s = setup(AlertRules.builder().stormLimit(3).build());
        List<AlertReceipt> receipts = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            receipts.add(s.intake().receive(firing("fp-" + i, "group-" + i), AM));
        }
        Set<String> incidents = new TreeSet<>();
        receipts.forEach(r -> incidents.add(r.incidentId().orElseThrow()));
        assertThat(incidents).hasSize(4);
        String storm = receipts.get(3).incidentId().orElseThrow();
        assertThat(s.incidents().get(storm).title()).startsWith("Alert storm from alertmanager");
        assertThat(receipts.get(4).incidentId()).contains(storm);
        assertThat(receipts.get(5).incidentId()).contains(storm);
        assertThat(events(s.incidents(), storm, EventTypes.ALERT_ATTACHED)).hasSize(3);
        // A later alert of a group that went to the storm joins it too.
        assertThat(s.intake().receive(firing("fp-5b", "group-5"), AM).incidentId()).contains(storm);

        clock.advance(Duration.ofMinutes(1));
        AlertReceipt calm = s.intake().receive(firing("fp-7", "group-7"), AM);
        assertThat(calm.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(calm.incidentId()).isNotEqualTo(Optional.of(storm));
    }

    @Test
    void aStormIncidentThatResolvedTakesNoMoreAlertsAndTheNextStormDeclaresAnother() {
        Setup s = setup(AlertRules.builder().stormLimit(1).build());
        s.intake().receive(firing("fp-1", "group-1"), AM);
        String storm = s.intake().receive(firing("fp-2", "group-2"), AM).incidentId().orElseThrow();
        s.incidents().resolve(storm, "the storm is over", CommandContext.as("carl"));

        AlertReceipt late = s.intake().receive(firing("fp-2b", "group-2"), AM);
        AlertReceipt next = s.intake().receive(firing("fp-3", "group-3"), AM);

        assertThat(late.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(late.incidentId()).isPresent().isNotEqualTo(Optional.of(storm));
        assertThat(s.incidents().get(late.incidentId().get()).title()).startsWith("Alert storm from alertmanager");
        assertThat(next.incidentId()).isEqualTo(late.incidentId());
        assertThat(events(s.incidents(), storm, EventTypes.ALERT_ATTACHED)).hasSize(1);
    }

    @Test
    void aStormIncidentIsAsSevereAsTheWorstAlertThatJoinedIt() {
        Setup s = setup(AlertRules.builder().stormLimit(1).build());
        s.intake().receive(severe("w-1", "warning"), AM);
        String storm = s.intake().receive(severe("w-2", "warning"), AM).incidentId().orElseThrow();
        assertThat(s.incidents().get(storm).severity()).isEqualTo(Severity.SEV3);

        assertThat(s.intake().receive(severe("c-1", "critical"), AM).incidentId()).contains(storm);
        s.intake().receive(severe("i-1", "info"), AM);

        assertThat(s.incidents().get(storm).severity()).isEqualTo(Severity.SEV1);
        assertThat(events(s.incidents(), storm, EventTypes.SEVERITY_CHANGED)).hasSize(1);
    }

    private static AlertSignal.Firing severe(String key, String severity) {
        return new AlertSignal.Firing(AlertDetails.of("alertmanager", key, "Alert " + key, T0).withSeverity(severity),
                Optional.of("group-" + key));
    }

    @Test
    void aSilenceSuppressesMatchingAlertsWhichAreRecordedAndCounted() {
        Setup s = setup();
        Silence silence = s.intake().silence(Silence.of(List.of(LabelMatcher.parse("alertname=~Checkout.*"),
                LabelMatcher.parse("pod!=fp-9")), T0, T0.plus(Duration.ofHours(1)), Actor.of("carl"), "deploy"));

        AlertReceipt silenced = s.intake().receive(firing("fp-1", "g"), AM);
        AlertReceipt repeat = s.intake().receive(firing("fp-1", "g"), AM);
        AlertReceipt notMatched = s.intake().receive(firing("fp-9", "g"), AM);

        assertThat(silenced.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(silenced.incidentId()).isEmpty();
        assertThat(silenced.alert().orElseThrow().suppressedBy()).contains(silence.id());
        assertThat(repeat.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(repeat.alert().orElseThrow().repeats()).isEqualTo(2);
        assertThat(notMatched.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(s.intake().alerts(AlertQuery.recent().state(AlertQuery.State.SUPPRESSED)))
                .extracting(a -> a.details().dedupKey()).containsExactly("fp-1");

        AlertCounts counts = s.intake().counts(T0, T0.plus(Duration.ofDays(1)));
        assertThat(counts.alerts()).isEqualTo(2);
        assertThat(counts.suppressed()).isEqualTo(1);
        assertThat(counts.noise()).isEqualTo(1);
        assertThat(counts.repeats()).isEqualTo(3);
        assertThat(counts.incidents()).isEqualTo(1);

        // Ended, it suppresses nothing more: a new episode declares.
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.intake().expire(silence.id(), Actor.of("carl"))).isPresent();
        s.intake().receive(new AlertSignal.Resolved("alertmanager", "fp-1"), AM);
        assertThat(s.intake().receive(firing("fp-1", "g2"), AM).outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(s.intake().expire("no-such-silence", Actor.of("carl"))).isEmpty();
    }

    @Test
    void aMaintenanceWindowSuppressesItsServiceOnlyAndOnlyWhileItLasts() {
        Setup s = setup(AlertRules.builder().grouping(Grouping.never()).build());
        s.intake().silence(Silence.maintenance("checkout", T0.plusSeconds(60), T0.plusSeconds(3600), Actor.of("carl"),
                "database upgrade"));
        assertThat(s.intake().receive(firing("before", "g"), AM).outcome()).isEqualTo(Outcome.DECLARED);
        clock.advance(Duration.ofMinutes(2));
        assertThat(s.intake().receive(firing("during", "g"), AM).outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(s.intake().receive(labelled("other", Map.of("service", "search")), AM).outcome())
                .isEqualTo(Outcome.DECLARED);
        clock.advance(Duration.ofHours(1));
        assertThat(s.intake().receive(firing("after", "g"), AM).outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(s.intake().silences()).singleElement().satisfies(w -> assertThat(w.kind()).isEqualTo(Silence.Kind.MAINTENANCE));
    }

    // ---- a process that died mid-way ----------------------------------------------------------

    @Test
    void anAlertWhoseRouterDiedIsRoutedByItsNextRepeatAfterTheClaim() {
        Setup s = setup();
        // What a process leaves when it dies after the store took the alert and before it attached it.
        AlertDetails details = firing("fp-1", "g").details();
        s.alerts().receiveFiring("dead-router-alert", details, T0, Optional.empty(), T0.plusSeconds(30));

        assertThat(s.intake().receive(firing("fp-1", "g"), AM).outcome()).isEqualTo(Outcome.REPEATED);
        assertThat(s.incidents().count(IncidentQuery.all())).isZero();
        clock.advance(Duration.ofSeconds(31));
        AlertReceipt taken = s.intake().receive(firing("fp-1", "g"), AM);

        assertThat(taken.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(taken.alert().orElseThrow().id()).isEqualTo("dead-router-alert");
        assertThat(taken.alert().orElseThrow().repeats()).isEqualTo(3);
        assertThat(s.incidents().count(IncidentQuery.all())).isEqualTo(1);
    }

    @Test
    void aGroupWhoseDeclarerDiedIsDeclaredOnceByWhoeverTakesTheClaimOver() {
        Setup s = setup();
        String groupKey = "source:alertmanager:g";
        AlertStore.GroupDecision d = s.alerts().group(groupKey, T0, Instant.EPOCH, "dead-claim", T0.plusSeconds(30));
        assertThat(d).isEqualTo(new AlertStore.GroupDecision.Claimed("dead-claim"));
        clock.advance(Duration.ofSeconds(31));

        AlertReceipt r = s.intake().receive(firing("fp-1", "g"), AM);
        AlertReceipt retry = s.intake().receive(firing("fp-2", "g"), AM);

        assertThat(r.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(s.incidents().history(r.incidentId().orElseThrow()).get(0).commandId())
                .contains("alert-group:dead-claim");
        assertThat(retry.incidentId()).isEqualTo(r.incidentId());
        assertThat(s.incidents().count(IncidentQuery.all())).isEqualTo(1);
    }

    @Test
    void aCallerWaitingOnAGroupWhoseDeclarerDiedTakesItOverWhenTheClaimEnds() {
        Setup s = setup();
        String groupKey = "source:alertmanager:g";
        s.alerts().group(groupKey, T0, Instant.EPOCH, "dead-claim", T0.plusSeconds(30));
        // The clock moves past the dead claim while the caller waits: after the first Wait it is told.
        AlertStore inner = s.alerts();
        AtomicInteger waits = new AtomicInteger();
        AlertStore advancing = (AlertStore) Proxy.newProxyInstance(AlertStore.class.getClassLoader(),
                new Class<?>[] {AlertStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof AlertStore.GroupDecision.Wait && waits.getAndIncrement() == 0) {
                        clock.advance(Duration.ofSeconds(31));
                    }
                    return result;
                });
        AlertIntake intake = new AlertIntake(s.incidents(), advancing, AlertRules.defaults());

        AlertReceipt r = intake.receive(firing("fp-1", "g"), AM);

        assertThat(waits.get()).isEqualTo(1);
        assertThat(r.outcome()).isEqualTo(Outcome.DECLARED);
        assertThat(s.incidents().history(r.incidentId().orElseThrow()).get(0).commandId())
                .contains("alert-group:dead-claim");
        assertThat(s.incidents().count(IncidentQuery.all())).isEqualTo(1);
    }

    // ---- many threads -----------------------------------------------------------------------

    @Test
    void manyThreadsPostingOverlappingAlertsMakeOneIncidentPerGroupAndCountEveryPost() throws Exception {
        Setup s = setup(AlertRules.builder().stormLimit(1000).build());
        int threads = 8;
        int groups = 5;
        int alertsPerGroup = 4;
        int rounds = 3;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        for (int g = 0; g < groups; g++) {
                            for (int a = 0; a < alertsPerGroup; a++) {
                                s.intake().receive(firing("g" + g + "-a" + a, "group-" + g), AM);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(s.incidents().count(IncidentQuery.all())).isEqualTo(groups);
        List<Alert> alerts = s.intake().alerts(AlertQuery.recent().limit(1000));
        assertThat(alerts).hasSize(groups * alertsPerGroup);
        assertThat(alerts.stream().mapToLong(Alert::repeats).sum()).isEqualTo((long) threads * rounds * groups * alertsPerGroup);
        for (Alert a : alerts) {
            String id = a.incidentId().orElseThrow();
            assertThat(s.intake().alerts(AlertQuery.recent().incident(id))).allSatisfy(other ->
                    assertThat(other.details().dedupKey()).startsWith(a.details().dedupKey().substring(0, 3)));
            assertThat(events(s.incidents(), id, EventTypes.ALERT_ATTACHED)).hasSize(alertsPerGroup);
        }
    }

    @Test
    void aStartWithNanosecondsIsKeptToTheMicrosecondAlikeInTheStoreAndTheEvent() {
        Setup s = setup();
        // Alertmanager's startsAt has nanoseconds; stores keep microseconds (PostgreSQL would round
        // this one up to .123457), so the intake truncates it once for the store and the event alike.
        Instant startsAt = T0.minusSeconds(150).plusNanos(123_456_500);
        AlertDetails d = alert("fp-nanos", "Checkout p99 latency above 2s", Map.of("service", "checkout"));
        AlertDetails withNanos = new AlertDetails(d.source(), d.dedupKey(), d.summary(), d.severity(), d.labels(),
                d.annotations(), d.links(), startsAt);

        AlertReceipt r = s.intake().receive(new AlertSignal.Firing(withNanos, Optional.of("g")), AM);

        Instant kept = T0.minusSeconds(150).plusNanos(123_456_000);
        Alert stored = s.alerts().find("alertmanager", "fp-nanos").orElseThrow();
        assertThat(stored.details().startsAt()).isEqualTo(kept);
        assertThat(r.alert().orElseThrow().details()).isEqualTo(stored.details());
        assertThat(events(s.incidents(), r.incidentId().orElseThrow(), EventTypes.ALERT_ATTACHED)).singleElement()
                .satisfies(e -> assertThat(((IncidentEvent.AlertAttached) e).alert()).isEqualTo(stored.details()));
    }

    // ---- bad input ----------------------------------------------------------------------------

    @Test
    void badAlertDetailsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> AlertDetails.of("Alert Manager", "k", "s", T0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("source"));
        assertThatThrownBy(() -> AlertDetails.of("am", "", "s", T0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("dedup_key"));
        assertThatThrownBy(() -> AlertDetails.of("am", "k", " ", T0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("summary"));
        assertThatThrownBy(() -> AlertDetails.of("am", "k", "s", T0).withLabels(Map.of("bad-name", "x")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("labels"));
        assertThatThrownBy(() -> AlertDetails.of("am", "k", "s", T0).withLabels(Map.of("zone", "a\nb")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("labels.zone"));
        assertThatThrownBy(() -> AlertDetails.of("am", "k", "s", T0).withLinks(Map.of("Source", "javascript:alert(1)")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("links.Source"));
        assertThatThrownBy(() -> LabelMatcher.parse("alertname=~(("))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("matchers"));
        assertThatThrownBy(() -> Silence.of(List.of(), T0, T0.plusSeconds(1), Actor.of("carl"), ""))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("matchers"));
        assertThatThrownBy(() -> Silence.maintenance("checkout", T0, T0, Actor.of("carl"), ""))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ends_at"));
    }
}
