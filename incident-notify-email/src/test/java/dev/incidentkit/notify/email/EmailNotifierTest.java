package dev.incidentkit.notify.email;

import static dev.incidentkit.notify.email.TestNotifications.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Recipient;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email notifier against GreenMail, a real SMTP server on loopback. */
class EmailNotifierTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T14:31:00Z"), ZoneOffset.UTC);

    static EmailNotifier.Builder plain() {
        return EmailNotifier.builder("127.0.0.1", "incidents@example.com")
                .security(EmailNotifier.Security.NONE)
                .port(MAIL.getSmtp().getPort())
                .clock(CLOCK);
    }

    static MimeMessage[] received(int count) {
        assertThat(MAIL.waitForIncomingEmail(30_000, count)).as("%d message(s) arrived", count).isTrue();
        return MAIL.getReceivedMessages();
    }

    static String part(MimeMessage m, String type) throws Exception {
        Multipart alternative = (Multipart) m.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart p = alternative.getBodyPart(i);
            if (p.isMimeType(type)) {
                return ((String) p.getContent()).replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    static Set<String> to(MimeMessage m) throws Exception {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Nested
    @DisplayName("a message")
    class Messages {

        @Test
        @DisplayName("is multipart/alternative, text then HTML in UTF-8, with the subject, facts, note and link")
        void bothParts() throws Exception {
            try (EmailNotifier email = plain().recipients(Route.all(), "sre@example.com").build()) {
                DeliveryResult result = email.deliver(notification().title("Checkout 500s — café").build());
                assertThat(result).isEqualTo(DeliveryResult.delivered());
            }
            MimeMessage m = received(1)[0];
            assertThat(m.getSubject()).isEqualTo("[SEV-1] INC-2026-001 acknowledged: Checkout 500s — café");
            assertThat(m.getContentType()).startsWith("multipart/alternative");
            assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("incidents@example.com");
            assertThat(to(m)).containsExactly("sre@example.com");
            assertThat(m.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
            assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            Multipart parts = (Multipart) m.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).getContentType()).startsWithIgnoringCase("text/plain").containsIgnoringCase("charset=utf-8");
            assertThat(parts.getBodyPart(1).getContentType()).startsWithIgnoringCase("text/html").containsIgnoringCase("charset=utf-8");

            String text = part(m, "text/plain");
            assertThat(text).contains("SEV-1 · INC-2026-001 acknowledged: Checkout 500s — café", "Severity: SEV-1",
                    "Status:   acknowledged", "Service:  checkout", "By:       bob", "Looking at the payment gateway",
                    "Open incident: " + TestNotifications.INCIDENT_PAGE,
                    "incident.acknowledged · event 7c1f6f3e-1d7a-4c1e-9a55-0d2b9f0f4a11 · 2026-03-01T14:30:00Z");
            String html = part(m, "text/html");
            assertThat(html).contains("<h1 style=\"font-size:18px\">SEV-1 · INC-2026-001 acknowledged: Checkout 500s — café</h1>",
                    "<a href=\"" + TestNotifications.INCIDENT_PAGE + "\">Open incident</a>", "Looking at the payment gateway");
        }

        @Test
        @DisplayName("escapes user text in HTML, keeps it out of the headers, and links only the incident")
        void hostileText() throws Exception {
            try (EmailNotifier email = plain().recipients(Route.all(), "sre@example.com").build()) {
                assertThat(email.deliver(notification().title(TestNotifications.HOSTILE).note(TestNotifications.HOSTILE)
                        .actor(TestNotifications.HOSTILE).links(List.of(TestNotifications.INCIDENT_PAGE,
                                URI.create("javascript:alert(1)"))).build())).isEqualTo(DeliveryResult.delivered());
            }
            MimeMessage[] all = received(1);
            assertThat(all).hasSize(1);   // no Bcc: victim@example.com got a copy
            MimeMessage m = all[0];
            assertThat(m.getHeader("Bcc")).isNull();
            assertThat(m.getHeader("X-Injected")).isNull();
            assertThat(m.getSubject()).doesNotContain("\r", "\n", "\u0000", "\u202E").contains("Bcc: victim@example.com");
            String html = part(m, "text/html");
            assertThat(html).doesNotContain("<script", "<img", "javascript:", "\u202E", "\u0000")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;quoted&quot;", "&#39;single&#39;",
                            "https:\u2060//evil.example", "www\u2060.evil.example");
            assertThat(html.split("<a ", -1)).hasSize(2);
            String text = part(m, "text/plain");
            assertThat(text).contains("https:\u2060//evil.example").doesNotContain("javascript:", "\u202E");
        }

        @Test
        @DisplayName("shows the details of the event's data: a severity change's from and to")
        void details() throws Exception {
            try (EmailNotifier email = plain().recipients(Route.all(), "sre@example.com")
                    .incidentLinks(URI.create("https://dash.example.com/incidents")).build()) {
                email.deliver(notification().type("incident.severity_changed").data("from", "SEV-3").data("to", "SEV-1")
                        .note("Card payments down too").links(List.of()).build());
            }
            MimeMessage m = received(1)[0];
            assertThat(m.getSubject()).isEqualTo("[SEV-1] INC-2026-001 severity changed: Checkout 500s");
            assertThat(part(m, "text/plain")).contains("\nFrom: SEV-3\nTo: SEV-1\n",
                    "Open incident: https://dash.example.com/incidents/INC-2026-001");
            assertThat(part(m, "text/html")).contains("<th align=\"left\" valign=\"top\">From</th><td>SEV-3</td>");
        }
    }

    @Nested
    @DisplayName("threading")
    class Threading {

        @Test
        @DisplayName("puts every message of an incident in one thread under <INC-...@host>, ids stable across retries")
        void oneThreadPerIncident() throws Exception {
            String declared = "0199aaaa-0000-7000-8000-000000000001";
            String acked = "0199aaaa-0000-7000-8000-000000000002";
            String resolved = "0199aaaa-0000-7000-8000-000000000003";
            String other = "0199aaaa-0000-7000-8000-000000000004";
            try (EmailNotifier email = plain().messageIdHost("incidents.example.com")
                    .recipients(Route.all(), "sre@example.com").build()) {
                email.deliver(notification().id(declared).type("incident.declared").status("open").build());
                email.deliver(notification().id(acked).type("incident.acknowledged").build());
                email.deliver(notification().id(acked).type("incident.acknowledged").build());   // a retry
                email.deliver(notification().id(resolved).type("incident.resolved").status("resolved").build());
                email.deliver(notification().id(other).incident("INC-2026-002").type("incident.declared").build());
            }
            MimeMessage[] m = received(5);
            String root = "<INC-2026-001@incidents.example.com>";
            assertThat(m[0].getMessageID()).isEqualTo(root);
            assertThat(m[0].getHeader("In-Reply-To")).isNull();
            assertThat(m[0].getHeader("References")).isNull();
            assertThat(m[1].getMessageID()).isEqualTo("<INC-2026-001." + acked + "@incidents.example.com>");
            assertThat(m[2].getMessageID()).isEqualTo(m[1].getMessageID());
            assertThat(m[3].getMessageID()).isEqualTo("<INC-2026-001." + resolved + "@incidents.example.com>");
            for (MimeMessage reply : List.of(m[1], m[2], m[3])) {
                assertThat(reply.getHeader("In-Reply-To")).containsExactly(root);
                assertThat(reply.getHeader("References")).containsExactly(root);
            }
            assertThat(m[4].getMessageID()).isEqualTo("<INC-2026-002@incidents.example.com>");
            assertThat(m[4].getHeader("In-Reply-To")).isNull();
        }

        @Test
        @DisplayName("takes the sender's domain for Message-IDs by default")
        void defaultHost() throws Exception {
            try (EmailNotifier email = plain().recipients(Route.all(), "sre@example.com").build()) {
                email.deliver(notification().type("incident.declared").build());
            }
            assertThat(received(1)[0].getMessageID()).isEqualTo("<INC-2026-001@example.com>");
        }
    }

    @Nested
    @DisplayName("stakeholder lists")
    class Lists {

        private EmailNotifier lists() {
            return plain()
                    .recipients(Route.all().withMinimumSeverity(Severity.SEV2), "leads@example.com", "support@example.com")
                    .recipients(Route.all().withServices("payments"), "payments@example.com", "LEADS@example.com")
                    .recipients(Route.all().withTypes("incident.declared", "incident.resolved"), "all-hands@example.com")
                    .build();
        }

        @Test
        @DisplayName("send once to the union of every matching list, by severity, service and type")
        void union() throws Exception {
            try (EmailNotifier email = lists()) {
                // SEV-1 on payments, acknowledged: lists 1 and 2, leads once.
                email.deliver(notification().randomId().severity("SEV-1").service("payments").build());
            }
            MimeMessage[] m = received(3);
            assertThat(m).hasSize(3);   // one message, one copy per mailbox
            assertThat(to(m[0])).containsExactly("leads@example.com", "payments@example.com", "support@example.com");
            assertThat(m[0].getMessageID()).isEqualTo(m[1].getMessageID()).isEqualTo(m[2].getMessageID());
        }

        @Test
        @DisplayName("route a SEV-3 declaration of checkout to the declared-and-resolved list only")
        void byType() throws Exception {
            try (EmailNotifier email = lists()) {
                email.deliver(notification().randomId().type("incident.declared").severity("SEV-3").build());
            }
            assertThat(to(received(1)[0])).containsExactly("all-hands@example.com");
        }

        @Test
        @DisplayName("route a severity change when the severity before or after it matches")
        void severityChange() throws Exception {
            try (EmailNotifier email = lists()) {
                email.deliver(notification().randomId().type("incident.severity_changed").severity("SEV-4")
                        .data("from", "SEV-1").data("to", "SEV-4").build());
            }
            assertThat(to(received(2)[0])).containsExactly("leads@example.com", "support@example.com");
        }

        @Test
        @DisplayName("route a correlation to the list of the correlated service")
        void correlated() throws Exception {
            try (EmailNotifier email = lists()) {
                email.deliver(notification().randomId().type("incident.service_correlated").severity("SEV-4")
                        .data("service", "payments").build());
            }
            assertThat(to(received(2)[0])).containsExactly("LEADS@example.com", "payments@example.com");
        }

        @Test
        @DisplayName("skip a notification that no list matches: delivered, nothing sent")
        void noneMatches() throws Exception {
            try (EmailNotifier email = lists()) {
                assertThat(email.deliver(notification().randomId().severity("SEV-4").build()))
                        .isEqualTo(DeliveryResult.delivered());
                // Sent after the skipped one: when it arrives, the first would have too.
                email.deliver(notification().randomId().type("incident.resolved").severity("SEV-4").build());
            }
            MimeMessage[] m = received(1);
            assertThat(m).hasSize(1);
            assertThat(m[0].getSubject()).contains("resolved");
        }
    }

    @Nested
    @DisplayName("a page")
    class Pages {

        @Test
        @DisplayName("goes to the person's address only, not to the lists, and says so first")
        void toThePerson() throws Exception {
            try (EmailNotifier email = plain().recipients(Route.all(), "sre@example.com").build()) {
                assertThat(email.contactKinds()).containsExactly("email");
                DeliveryResult r = email.deliver(notification().type("incident.paged").data("person", "carol")
                        .data("why", "level 1 of checkout-primary").recipient(new Recipient("carol", "email", "carol@example.com"))
                        .build());
                assertThat(r).isEqualTo(DeliveryResult.delivered());
            }
            MimeMessage[] m = received(1);
            assertThat(m).hasSize(1);
            assertThat(to(m[0])).containsExactly("carol@example.com");
            assertThat(m[0].getSubject()).isEqualTo("[SEV-1] INC-2026-001 paged: Checkout 500s");
            assertThat(part(m[0], "text/plain")).startsWith("You are paged for this incident.");
            assertThat(m[0].getMessageID()).endsWith(".page@example.com>");
            assertThat(m[0].getHeader("In-Reply-To")).containsExactly("<INC-2026-001@example.com>");
        }

        @Test
        @DisplayName("to a malformed address, or of another kind, fails for good, so that it escalates")
        void malformed() {
            try (EmailNotifier email = plain().build()) {
                for (String bad : List.of("carol", "carol@", "Carol <carol@example.com>", "carol@example.com\r\nBcc: x@y.z",
                        "a@b@c", "carol @example.com")) {
                    DeliveryResult r = email.deliver(notification().type("incident.paged")
                            .recipient(new Recipient("carol", "email", bad)).build());
                    assertThat(r).as(bad).isInstanceOfSatisfying(DeliveryResult.Failed.class,
                            f -> assertThat(f.reason()).contains("carol", "not one plain email address"));
                }
                DeliveryResult slack = email.deliver(notification().type("incident.paged")
                        .recipient(new Recipient("carol", "slack", "U024BE7LH")).build());
                assertThat(slack).isInstanceOfSatisfying(DeliveryResult.Failed.class,
                        f -> assertThat(f.reason()).contains("reaches no one by slack"));
            }
            assertThat(MAIL.getReceivedMessages()).isEmpty();
        }
    }

    @Nested
    @DisplayName("the builder")
    class Building {

        @Test
        @DisplayName("names a bad address, host, name or timeout at once")
        void checks() {
            assertThatThrownBy(() -> EmailNotifier.builder("smtp.example.com", "not-an-address"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from").hasMessageContaining("'not-an-address'");
            assertThatThrownBy(() -> plain().recipients(Route.all(), "ok@example.com", "bad@exa mple.com"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad@exa mple.com'");
            assertThatThrownBy(() -> plain().recipients(Route.all(), "x@example.com\r\nBcc: y@example.com"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\r");
            assertThatThrownBy(() -> plain().recipients(Route.all()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one address");
            assertThatThrownBy(() -> EmailNotifier.builder("smtp example.com", "a@example.com"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
            assertThatThrownBy(() -> plain().name("Email!")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> plain().port(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> plain().readTimeout(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> plain().messageIdHost("a b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> plain().incidentLinks(URI.create("javascript:alert(1)")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> plain().credentials("user", "")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("sends no password in clear text beyond loopback unless told to")
        void noPlaintextPassword() {
            EmailNotifier.Builder remote = EmailNotifier.builder("smtp.example.com", "incidents@example.com")
                    .security(EmailNotifier.Security.NONE).credentials("incidents@example.com", "s3cret-Pa55");
            assertThatThrownBy(remote::build).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("smtp.example.com").hasMessageContaining("clear text")
                    .hasMessageNotContaining("s3cret-Pa55");
            try (EmailNotifier trusted = remote.allowPlaintextCredentials().build();
                    EmailNotifier local = plain().credentials("incidents@example.com", "s3cret-Pa55").build()) {
                assertThat(trusted.name()).isEqualTo(local.name());
            }
        }

        @Test
        @DisplayName("shows no password in toString")
        void noSecret() {
            try (EmailNotifier email = plain().credentials("incidents@example.com", "s3cret-Pa55").build()) {
                assertThat(email.toString()).doesNotContain("s3cret-Pa55").contains("incidents@example.com", "127.0.0.1");
                assertThat(email.name()).isEqualTo("email");
            }
        }
    }
}
