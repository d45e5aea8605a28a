package dev.incidentkit.web;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.web.WebHarness.Reply;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the admin routes: the read model, the notifiers and their dead letters, for admins only")
class AdminRoutesTest {

    /** Fails its first delivery for good (a dead letter), then delivers. */
    static final class FlakyNotifier implements Notifier {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            return calls.getAndIncrement() == 0 ? DeliveryResult.failed("the chat room is gone") : DeliveryResult.delivered();
        }
    }

    final FlakyNotifier flaky = new FlakyNotifier();
    final IncidentManager incidents = IncidentKit.builder().store(new InMemoryEventStore())
            .authorizer(RoleBasedAuthorizer.of(WebHarness.ROLES)).notifier(flaky).build();
    final WebHarness h = new WebHarness(incidents);

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("an admin checks and rebuilds the read model; a commander may not")
    void readModel() {
        incidents.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("carl"));

        JsonNode check = h.get("/api/v1/admin/read-model", "ada").json();
        assertThat(check.get("incidents").asLong()).isEqualTo(1);
        assertThat(check.get("summaries").asLong()).isEqualTo(1);
        assertThat(check.get("mismatches")).isEmpty();
        Reply rebuilt = h.post("/api/v1/admin/read-model/rebuild", "ada", "{}");
        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        assertThat(rebuilt.json().get("rebuilt").asLong()).isEqualTo(1);

        assertThat(h.get("/api/v1/admin/read-model", "carl").problem(403).get("detail").asText())
                .contains("carl may not administer read model");
        h.post("/api/v1/admin/read-model/rebuild", "carl", "{}").problem(403);
        h.post("/api/v1/admin/read-model/rebuild", "ada", "{\"all\":true}").problem(422);
    }

    @Test
    @DisplayName("an admin sees a failing notifier, its dead letter, and replays it")
    void deadLetters() {
        incidents.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("carl"));
        List<DeadLetter> letters = awaitDeadLetter();

        JsonNode notifier = h.get("/api/v1/admin/notifiers", "ada").json().get("notifiers").get(0);
        assertThat(notifier.get("notifier").asText()).isEqualTo("flaky");
        assertThat(notifier.get("dead_letters").asInt()).isEqualTo(1);
        JsonNode listed = h.get("/api/v1/admin/notifiers/flaky/dead-letters", "ada").json().get("dead_letters");
        assertThat(listed).hasSize(1);
        String eventId = listed.get(0).get("event_id").asText();
        assertThat(eventId).isEqualTo(letters.get(0).eventId().toString());
        assertThat(listed.get(0).get("last_error").asText()).contains("the chat room is gone");

        Reply replayed = h.post("/api/v1/admin/notifiers/flaky/dead-letters/" + eventId + "/replay", "ada", "{}");
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.json().get("result").asText()).isEqualTo("delivered");
        assertThat(incidents.notifications().deadLetters("flaky")).isEmpty();

        h.post("/api/v1/admin/notifiers/flaky/dead-letters/" + eventId + "/replay", "ada", "{}").problem(404);
        h.get("/api/v1/admin/notifiers/nobody/dead-letters", "ada").problem(404);
        h.post("/api/v1/admin/notifiers/flaky/dead-letters/not-a-uuid/replay", "ada", "{}").problem(422);
        h.get("/api/v1/admin/notifiers", "rita").problem(403);
    }

    private List<DeadLetter> awaitDeadLetter() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<DeadLetter> letters;
        while ((letters = incidents.notifications().deadLetters("flaky")).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(letters).as("the first delivery failed for good").hasSize(1);
        return letters;
    }
}
