package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** People with their contact methods and services routed to policies: the values, the file and the withers. */
class OnCallPeopleTest {

    static final String DOC = """
            {
              "version": 1,
              "schedules": [
                {"id": "primary", "name": "Primary", "zone": "UTC"}
              ],
              "policies": [
                {
                  "id": "payments",
                  "name": "Payments",
                  "services": ["payments-api", "ledger"],
                  "calendar": {"zone": "UTC", "hours": [{"days": ["MONDAY"], "from": "09:00", "to": "17:00"}]},
                  "levels": [{"escalateAfter": "PT5M", "targets": [{"schedule": "primary"}]}]
                },
                {
                  "id": "web",
                  "name": "Web",
                  "services": ["storefront"],
                  "calendar": {"zone": "UTC", "hours": [{"days": ["MONDAY"], "from": "09:00", "to": "17:00"}]},
                  "levels": [{"escalateAfter": "PT5M", "targets": [{"person": "alice"}]}]
                }
              ],
              "people": [
                {
                  "id": "alice",
                  "name": "Alice Adams",
                  "contacts": [
                    {"kind": "email", "address": "alice@example.com"},
                    {"kind": "slack", "address": "U024BE7LH"}
                  ]
                },
                {"id": "bob", "name": "Bob Brown"}
              ]
            }
            """;

    private static OnCallConfig read(String text) {
        return OnCallConfig.read(new StringReader(text), "oncall.json");
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(OnCallConfigException.class).hasMessage(message);
    }

    private static String doc(String from, String to) {
        assertThat(DOC.split(Pattern.quote(from), -1)).as(from).hasSize(2);
        return DOC.replace(from, to);
    }

    @Test
    void peopleAndServicesAreRead() {
        OnCallConfig config = read(DOC);

        assertThat(config.people()).containsOnlyKeys("alice", "bob");
        assertThat(config.people().keySet()).containsExactly("alice", "bob");
        assertThat(config.person("alice").orElseThrow().contacts()).containsExactly(
                new ContactMethod("email", "alice@example.com"), new ContactMethod("slack", "U024BE7LH"));
        assertThat(config.person("bob").orElseThrow().contacts()).isEmpty();
        assertThat(config.person("chloe")).as("named nowhere: no contact methods, no error").isEmpty();
        assertThat(config.services()).containsExactly(Map.entry("payments-api", "payments"), Map.entry("ledger", "payments"),
                Map.entry("storefront", "web"));
        assertThat(config.policyFor("ledger")).contains(config.policy("payments").orElseThrow());
        assertThat(config.policyFor("storefront").map(EscalationPolicy::id)).contains("web");
        assertThat(config.policyFor("unrouted")).isEmpty();
        assertThat(config.servicesOf("payments")).containsExactly("payments-api", "ledger");
        assertThat(read(config.write())).isEqualTo(config);
        assertThat(config.write()).contains("\"services\": [\"payments-api\", \"ledger\"]").contains("\"kind\": \"slack\"");
    }

    @Test
    void aBadContactIsNamedByItsPath() {
        refused(doc("\"kind\": \"slack\"", "\"kind\": \"Slack!\""),
                "oncall.json:28:18: people[0].contacts[1].kind: must be 1 to 63 lower-case letters, digits, '.', '_' or '-',"
                        + " starting with a letter or digit, got \"Slack!\"");
        refused(doc("\"kind\": \"slack\"", "\"kind\": \"email\""),
                "oncall.json:28:18: people[0].contacts[1].kind: is the kind of an earlier contact method; a person has one of each"
                        + " kind, got \"email\"");
        refused(doc("\"address\": \"U024BE7LH\"", "\"address\": \"\""),
                "oncall.json:28:38: people[0].contacts[1].address: must be 1 to 512 characters without control characters, got \"\"");
        refused(doc("\"address\": \"U024BE7LH\"", "\"adress\": \"U024BE7LH\""),
                "oncall.json:28:27: people[0].contacts[1].adress: is not a field of a contact method (its fields: kind, address)");
        refused(doc("{\"id\": \"bob\"", "{\"id\": \"alice\""), "oncall.json:31:12: people[1].id: is the id of an earlier person, got \"alice\"");
    }

    @Test
    void aServiceHasOnePolicyAndAGoodName() {
        refused(doc("[\"storefront\"]", "[\"ledger\"]"),
                "oncall.json:17:20: policies[1].services[0]: is routed to policy \"payments\" already; a service has one policy,"
                        + " got \"ledger\"");
        refused(doc("[\"payments-api\", \"ledger\"]", "[\"payments-api\", \"payments-api\"]"),
                "oncall.json:10:36: policies[0].services[1]: is listed twice, got \"payments-api\"");
        refused(doc("[\"storefront\"]", "[\"Store Front\"]"),
                "oncall.json:17:20: policies[1].services[0]: must be 1 to 63 lower-case letters, digits, '.', '_' or '-',"
                        + " starting with a letter or digit, got \"Store Front\"");
    }

    @Test
    void oneObjectReadsAloneWithPathsFromItsRoot() {
        OnCallConfig config = read(DOC);
        assertThat(OnCallConfig.readPerson("{\"id\": \"carol\", \"name\": \"Carol\", \"contacts\": [{\"kind\": \"email\","
                + " \"address\": \"carol@example.com\"}]}", "body")).isEqualTo(Person.of("carol", "Carol",
                new ContactMethod("email", "carol@example.com")));
        assertThatThrownBy(() -> OnCallConfig.readPerson("{\"id\": \"carol\", \"name\": \"Carol\", \"contacts\": [{\"kind\": \"x\","
                + " \"address\": \"a\"}, {\"kind\": \"x\", \"address\": \"b\"}]}", "body"))
                .isInstanceOf(OnCallConfigException.class).hasFieldOrPropertyWithValue("path", "contacts[1].kind")
                .hasMessageStartingWith("body:1:");
        assertThatThrownBy(() -> OnCallConfig.readSchedule("{\"id\": \"s\", \"name\": \"S\", \"zone\": \"Mars/Base\"}", "body"))
                .isInstanceOf(OnCallConfigException.class)
                .hasMessage("body:1:34: zone: must be an IANA zone id such as Europe/Berlin, got \"Mars/Base\"");
        assertThat(OnCallConfig.readOverride("{\"kind\": \"ADD\", \"person\": \"bob\", \"start\": \"2026-03-02T09:00:00Z\","
                + " \"end\": \"2026-03-03T09:00:00Z\"}", "body")).isEqualTo(ScheduleOverride.add("bob",
                Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-03T09:00:00Z")));
        assertThatThrownBy(() -> OnCallConfig.readOverride("", "body")).isInstanceOf(OnCallConfigException.class)
                .hasMessage("body:1:1: is empty; an override is a JSON object");
        OnCallConfig.RoutedPolicy routed = config.readPolicy("""
                {"id": "db", "name": "DB", "services": ["postgres"],
                 "calendar": {"zone": "UTC", "hours": [{"days": ["MONDAY"], "from": "09:00", "to": "17:00"}]},
                 "levels": [{"escalateAfter": "PT1M", "targets": [{"schedule": "primary"}]}]}""", "body");
        assertThat(routed.services()).containsExactly("postgres");
        assertThat(routed.policy().id()).isEqualTo("db");
        assertThatThrownBy(() -> config.readPolicy("""
                {"id": "db", "name": "DB", "calendar": {"zone": "UTC", "hours": [{"days": ["MONDAY"], "from": "09:00", "to": "17:00"}]},
                 "levels": [{"escalateAfter": "PT1M", "targets": [{"schedule": "tertiary"}]}]}""", "body"))
                .isInstanceOf(OnCallConfigException.class).hasFieldOrPropertyWithValue("path", "levels[0].targets[0].schedule");
    }

    @Test
    void theWithersKeepTheRules() {
        OnCallConfig config = read(DOC);
        EscalationPolicy web = config.policy("web").orElseThrow();

        OnCallConfig moved = config.withPolicy(web, List.of("checkout", "storefront"));
        assertThat(moved.servicesOf("web")).containsExactly("checkout", "storefront");
        assertThat(config.withPolicy(web, List.of()).policyFor("storefront")).isEmpty();
        assertThatThrownBy(() -> config.withPolicy(web, List.of("ledger"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("services must not list a service routed to policy payments, got \"ledger\"");
        assertThatThrownBy(() -> config.withPolicy(web, List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("services must not list a service twice, got \"a\"");
        assertThatThrownBy(() -> config.withPolicy(web, List.of("A"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("services must be 1 to 63");
        EscalationPolicy pagesNothing = EscalationPolicy.builder("x", "X", web.calendar())
                .level(EscalationLevel.of(Duration.ofMinutes(1), Target.schedule("tertiary"))).build();
        assertThatThrownBy(() -> config.withPolicy(pagesNothing, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("scheduleId must name a schedule");

        Person carol = Person.of("carol", "Carol", new ContactMethod("webhook", "https://hooks.example.com/carol"));
        assertThat(config.withPerson(carol).people().keySet()).containsExactly("alice", "bob", "carol");
        Person alice = Person.of("alice", "Alice A.");
        assertThat(config.withPerson(alice).people().keySet()).containsExactly("alice", "bob");
        assertThat(config.withPerson(alice).person("alice")).contains(alice);

        assertThatThrownBy(() -> config.withoutSchedule("primary")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schedule is paged by policy payments and cannot be removed, got \"primary\"");
        OnCallConfig lone = config.withSchedule(Schedule.builder("lone", "Lone", ZoneId.of("UTC")).build());
        assertThat(lone.withoutSchedule("lone")).isEqualTo(config);
        assertThat(config.withoutSchedule("nothing")).isSameAs(config);
    }

    @Test
    void theFactoryChecksServicesAndPeople() {
        OnCallConfig config = read(DOC);
        assertThatThrownBy(() -> OnCallConfig.of(config.schedules().values(), config.policies().values(), config.people().values(),
                Map.of("checkout", "nothing"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("services must name a policy of the configuration (payments, web) for service checkout, got \"nothing\"");
        Person alice = config.person("alice").orElseThrow();
        assertThatThrownBy(() -> OnCallConfig.of(List.of(), List.of(), List.of(alice, alice), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("people must not share an id, got \"alice\"");
        assertThat(OnCallConfig.of(config.schedules().values(), config.policies().values(), config.people().values(),
                config.services())).isEqualTo(config);
    }

    @Test
    void aPersonHasOneContactMethodPerKind() {
        assertThatThrownBy(() -> Person.of("a", "A", new ContactMethod("email", "a@example.com"), new ContactMethod("email", "b@example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("contacts must hold at most one contact method of each kind; two are of kind, got \"email\"");
        assertThatThrownBy(() -> new ContactMethod("email", "a\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("address must be 1 to 512 characters without control characters, got \"a\\u000ab\"");
        assertThatThrownBy(() -> new ContactMethod("email", "x".repeat(513))).hasMessageStartingWith("address must be 1 to 512");
        assertThat(new ContactMethod("email", "x".repeat(512)).address()).hasSize(512);
        assertThatThrownBy(() -> Person.of(" ", "A")).hasMessageStartingWith("id must be 1 to 128 characters");
        Person p = Person.of("a", "A", new ContactMethod("email", "a@example.com"), new ContactMethod("slack", "U1"));
        assertThat(p.contact("slack")).contains(new ContactMethod("slack", "U1"));
        assertThat(p.contact("sms")).isEmpty();
    }

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    @Property(tries = 500)
    void aKindIsAcceptedExactlyWhenItMatchesThePattern(@ForAll("kinds") String kind) {
        boolean accepted;
        try {
            new ContactMethod(kind, "somewhere");
            accepted = true;
        } catch (IllegalArgumentException e) {
            accepted = false;
            assertThat(e).hasMessageStartingWith("kind must be");
        }
        assertThat(accepted).as(kind).isEqualTo(KIND.matcher(kind).matches());
    }

    @Provide
    Arbitrary<String> kinds() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("abz09._-").ofMinLength(1).ofMaxLength(64),
                Arbitraries.strings().withChars("aZ .é\n_-").ofMaxLength(5),
                Arbitraries.of("email", "slack", "webhook", "pagerduty", "", "-x", ".x", "x".repeat(63), "x".repeat(64)));
    }
}
