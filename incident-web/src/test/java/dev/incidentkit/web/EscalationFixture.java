package dev.incidentkit.web;

import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.oncall.ContactMethod;
import dev.incidentkit.core.oncall.EscalationLevel;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.Person;
import dev.incidentkit.core.oncall.Target;
import dev.incidentkit.core.sla.BusinessCalendar;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.RecordingPager;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A server with an escalator, at {@link WebHarness#START} (Saturday 14:00 UTC), over {@link
 * #CONFIG}: {@link OnCallFixture#CONFIG} with service {@code checkout} routed to its policy
 * {@code checkout} (level 1 the primary schedule, ada and dan now, for 5 min; level 2 carl and the
 * db schedule) and service {@code payments} to a policy whose id, and whose level 1's person, is
 * {@link HtmlPages#HOSTILE} (for 10 min; level 2 eve for 5 min; no repeat). Everyone has a pager
 * that a notifier reaches, so every page is delivered and levels fall due at their own times.
 * The escalator is built before any incident is declared; the test ticks it. Public, with its
 * configuration and notifier, for the browser tests.
 */
public final class EscalationFixture implements AutoCloseable {

    static final String HOSTILE = HtmlPages.HOSTILE;
    public static final OnCallConfig CONFIG = config();
    /** The harness's roles, and the escalator's actor ({@code escalation}) a responder's, which recording a page takes. */
    static final Map<String, AccessRole> ROLES = roles();

    final AtomicReference<Supplier<OnCallConfig>> config = new AtomicReference<>(() -> CONFIG);
    final InMemoryEventStore store = new InMemoryEventStore();
    final Escalator[] escalator = new Escalator[1];
    final WebHarness h;

    EscalationFixture() {
        h = new WebHarness(store, k -> k.authorizer(RoleBasedAuthorizer.of(ROLES)).notifier(new RecordingPager())
                        .contacts((person, kind) -> CONFIG.person(person).flatMap(p -> p.contact(kind)).map(ContactMethod::address)),
                (m, b) -> {
                    escalator[0] = Escalator.builder(m, store, () -> config.get().get()).owner("web-test").build();
                    return b.onCall(CONFIG).escalator(escalator[0]);
                });
    }

    Escalator escalator() {
        return escalator[0];
    }

    /** @return a payments incident's id, a SEV-1 declared over HTTP by carl */
    String declarePayments() {
        return h.declare("Payments refused", "SEV-1", "payments");
    }

    @Override
    public void close() {
        escalator[0].close();
        h.close();
    }

    private static Map<String, AccessRole> roles() {
        Map<String, AccessRole> roles = new HashMap<>(WebHarness.ROLES);
        roles.put("escalation", AccessRole.RESPONDER);
        return Map.copyOf(roles);
    }

    private static OnCallConfig config() {
        OnCallConfig c = OnCallFixture.CONFIG;
        for (String p : List.of("ada", "bo", "cy", "dan", "carl", "eve", HOSTILE)) {
            c = c.withPerson(Person.of(p, p, new ContactMethod("pager", "pager-" + p.hashCode())));
        }
        c = c.withPolicy(c.policy("checkout").orElseThrow(), List.of("checkout"));
        EscalationPolicy hostile = EscalationPolicy.builder(HOSTILE, "Payments",
                        BusinessCalendar.weekdays(ZoneOffset.UTC, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .level(EscalationLevel.of(Duration.ofMinutes(10), Target.person(HOSTILE)))
                .level(EscalationLevel.of(Duration.ofMinutes(5), Target.person("eve")))
                .repeat(EscalationPolicy.Repeat.none())
                .build();
        return c.withPolicy(hostile, List.of("payments"));
    }
}
