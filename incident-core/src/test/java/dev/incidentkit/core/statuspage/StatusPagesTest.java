package dev.incidentkit.core.statuspage;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusPagesTest {

    static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    static final String SECRET = "AKIAIOSFODNN7EXAMPLE password=hunter2 <script>alert(1)</script>";

    final ManualClock clock = ManualClock.at(T0);
    final IncidentManager incidents = IncidentKit.builder().store(new SimpleEventStore()).clock(clock).build();

    @AfterEach
    void close() {
        incidents.close();
    }

    String declare(String service) {
        String id = incidents.declare(Declare.of("Internal: " + SECRET, Severity.SEV1, service).description(SECRET),
                as("alice")).id();
        incidents.acknowledge(id, SECRET, Role.COMMANDER, as("alice"));
        incidents.addNote(id, SECRET, as("alice"));
        return id;
    }

    void post(String id, PublicStatus status, ComponentStatus impact, String message) {
        incidents.postPublicUpdate(id, "Checkout issues", status, impact, message, as("alice"));
    }

    @Test
    void nothingWrongIsAllSystemsOperationalAndAnIncidentWithoutPublicUpdateIsNotShown() {
        declare("checkout");
        StatusPage page = StatusPages.builder(incidents).components("checkout", "search").build().read();
        assertThat(page.active()).isEmpty();
        assertThat(page.history()).isEmpty();
        assertThat(page.components()).containsExactly(new Component("checkout", ComponentStatus.OPERATIONAL),
                new Component("search", ComponentStatus.OPERATIONAL));
        assertThat(page.headline()).isEqualTo("All systems operational");
        assertThat(page.generatedAt()).isEqualTo(T0);
    }

    @Test
    void anActiveIncidentShowsItsPublicUpdatesOnlyNewestFirst() {
        String id = declare("checkout");
        incidents.correlateService(id, "payments", "", as("alice"));
        post(id, PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE, "We are investigating checkout errors.");
        clock.advance(Duration.ofMinutes(30));
        post(id, PublicStatus.IDENTIFIED, ComponentStatus.DEGRADED_PERFORMANCE, "We found the cause.");

        StatusPage page = StatusPages.builder(incidents).build().read();

        assertThat(page.active()).hasSize(1);
        PublicIncident shown = page.active().get(0);
        assertThat(shown.id()).isEqualTo(id);
        assertThat(shown.title()).isEqualTo("Checkout issues");
        assertThat(shown.status()).isEqualTo(PublicStatus.IDENTIFIED);
        assertThat(shown.impact()).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        assertThat(shown.components()).containsExactly("checkout", "payments");
        assertThat(shown.startedAt()).isEqualTo(T0);
        assertThat(shown.resolvedAt()).isEmpty();
        assertThat(shown.updates()).extracting(PublicUpdate::message)
                .containsExactly("We found the cause.", "We are investigating checkout errors.");
        assertThat(page.components()).extracting(Component::name, Component::status).containsExactly(
                tuple("checkout", ComponentStatus.DEGRADED_PERFORMANCE),
                tuple("payments", ComponentStatus.DEGRADED_PERFORMANCE));
        assertThat(page.headline()).isEqualTo("Degraded performance");
        assertThat(page.toString()).doesNotContain("AKIA", "hunter2", "<script>", "alice", "Internal:");
    }

    @Test
    void theWorstImpactWinsAndListedComponentsKeepTheirOrder() {
        String a = declare("checkout");
        String b = declare("search");
        post(a, PublicStatus.INVESTIGATING, ComponentStatus.DEGRADED_PERFORMANCE, "Slow checkout.");
        post(b, PublicStatus.INVESTIGATING, ComponentStatus.MAJOR_OUTAGE, "Search is down.");
        StatusPage page = StatusPages.builder(incidents).components("search", "checkout", "login").build().read();
        assertThat(page.components()).containsExactly(new Component("search", ComponentStatus.MAJOR_OUTAGE),
                new Component("checkout", ComponentStatus.DEGRADED_PERFORMANCE),
                new Component("login", ComponentStatus.OPERATIONAL));
        assertThat(page.overall()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void anIncidentIsResolvedWhenAnUpdateSaysSoOrWhenItIsResolved() {
        String said = declare("checkout");
        post(said, PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE, "Errors.");
        clock.advance(Duration.ofMinutes(10));
        post(said, PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL, "Fixed.");
        String done = declare("search");
        post(done, PublicStatus.MONITORING, ComponentStatus.DEGRADED_PERFORMANCE, "Watching the fix.");
        clock.advance(Duration.ofMinutes(10));
        incidents.resolve(done, "", as("alice"));
        clock.advance(Duration.ofMinutes(1));

        StatusPage page = StatusPages.builder(incidents).build().read();

        assertThat(page.active()).isEmpty();
        assertThat(page.history()).extracting(PublicIncident::id).containsExactly(said, done);
        assertThat(page.history()).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(PublicStatus.RESOLVED);
            assertThat(i.impact()).isEqualTo(ComponentStatus.OPERATIONAL);
        });
        assertThat(page.history().get(0).resolvedAt()).contains(T0.plus(Duration.ofMinutes(10)));
        assertThat(page.history().get(1).resolvedAt()).contains(T0.plus(Duration.ofMinutes(20)));
        assertThat(page.headline()).isEqualTo("All systems operational");
    }

    @Test
    void theHistoryReachesBackNinetyDays() {
        String old = declare("checkout");
        post(old, PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL, "Fixed.");
        StatusPages pages = StatusPages.builder(incidents).build();
        clock.advance(Duration.ofDays(89));
        assertThat(pages.read().history()).hasSize(1);
        clock.advance(Duration.ofDays(2));
        assertThat(pages.read().history()).isEmpty();
        assertThat(StatusPages.builder(incidents).window(Duration.ofDays(365)).build().read().history()).hasSize(1);
    }

    @Test
    void aNewUpdateShowsAtTheNextRead() {
        String id = declare("checkout");
        StatusPages pages = StatusPages.builder(incidents).build();
        assertThat(pages.read().active()).isEmpty();
        post(id, PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE, "Errors.");
        assertThat(pages.read().active()).hasSize(1);
        post(id, PublicStatus.MONITORING, ComponentStatus.OPERATIONAL, "A fix is in.");
        assertThat(pages.read().active().get(0).latest().status()).isEqualTo(PublicStatus.MONITORING);
        incidents.addNote(id, "internal only", as("alice"));   // a new version, the same public updates
        assertThat(pages.read().active().get(0).updates()).hasSize(2);
    }

    @Test
    void theBuilderChecksItsArguments() {
        assertThatThrownBy(() -> StatusPages.builder(incidents).components("checkout", "checkout"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkout");
        assertThatThrownBy(() -> StatusPages.builder(incidents).components("not a service!"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> StatusPages.builder(incidents).window(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StatusPages.builder(incidents).build().window()).isEqualTo(StatusPages.DEFAULT_WINDOW);
    }

    @Test
    void ofTwoUpdatesPostedAtTheSameInstantTheLaterOneIsTheLatest() {
        String id = declare("checkout");
        post(id, PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE, "Looking into it.");
        post(id, PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL, "Fixed.");

        StatusPage page = StatusPages.builder(incidents).build().read();

        assertThat(page.active()).isEmpty();
        PublicIncident incident = page.history().get(0);
        assertThat(incident.updates()).extracting(PublicUpdate::message).containsExactly("Fixed.", "Looking into it.");
        assertThat(incident.resolvedAt()).contains(T0);
    }

    @Test
    void resolvedAgainAfterAPublicReopenIsResolvedTheSecondTime() {
        String id = declare("checkout");
        post(id, PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL, "Fixed.");
        clock.advance(Duration.ofMinutes(10));
        post(id, PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE, "The errors are back.");
        clock.advance(Duration.ofMinutes(10));
        post(id, PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL, "Fixed for good.");
        clock.advance(Duration.ofMinutes(1));
        post(id, PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL, "A last word.");

        PublicIncident shown = StatusPages.builder(incidents).build().read().history().get(0);

        assertThat(shown.resolvedAt()).contains(T0.plus(Duration.ofMinutes(20)));
        assertThat(shown.startedAt()).isEqualTo(T0);
    }
}
