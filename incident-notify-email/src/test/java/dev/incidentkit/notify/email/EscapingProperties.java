package dev.incidentkit.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.notify.email.internal.SmtpSender;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Recipient;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For all user text, hostile or not, in the title, note, actor, service and event data: the
 * written message has exactly our headers (nothing injected, no line break in a value), the HTML
 * part has exactly the tags of a harmless message, and no control character survives anywhere.
 */
class EscapingProperties {

    private static final Set<String> HEADERS = Set.of("Date", "From", "To", "Message-ID", "Subject", "In-Reply-To",
            "References", "Auto-Submitted", "MIME-Version", "Content-Type");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final List<URI> LINKS = List.of(TestNotifications.INCIDENT_PAGE, URI.create("javascript:alert(1)"),
            URI.create("data:text/html,%3Cscript%3Ealert(1)%3C/script%3E"));
    private static final Session PARSER = Session.getInstance(new Properties());

    private final SmtpSender sender = new SmtpSender("127.0.0.1", 25, SmtpSender.Tls.NONE, null, null, null,
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
            address("incidents@example.com"), "example.com", Clock.systemUTC());

    @Provide
    Arbitrary<String> userText() {
        Arbitrary<String> fragments = Arbitraries.of("\r\n", "\r", "\n", "\r\nBcc: victim@example.com", "\nX-Evil: 1",
                "\r\n\r\n<html>", "\u0000", "\u0007", "\u001b[31m", "\u0085", "\u2028", "\u2029", "\u202E", "\u2066",
                "\uD800", "\uDC00", "😀", "é", "<", ">", "&", "\"", "'", "&amp;", "&lt;", "</td>", "<script>",
                "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>", "javascript:", "https://evil.example",
                "www.evil.example", "=?UTF-8?B?QmNjOiB4?=", ":", ";", "--boundary", "\t", " ", "a", "Z", "9", ".");
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(12);
        return Arbitraries.oneOf(fragments, fragments, any).list().ofMaxSize(14).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("incident.declared", "incident.acknowledged", "incident.severity_changed",
                "incident.canceled", "incident.paged", "incident.postmortem_updated");
    }

    @Property(tries = 300)
    void userTextNeverBreaksOutOfItsPlace(@ForAll("userText") String title, @ForAll("userText") String note,
            @ForAll("userText") String actor, @ForAll("userText") String service, @ForAll("userText") String data,
            @ForAll("types") String type, @ForAll boolean page) throws Exception {
        MimeMessage hostile = written(notification(type, title, note, actor, service, data, page));
        MimeMessage harmless = written(notification(type, "Checkout 500s", "a note\non two lines", "bob", "checkout", "detail", page));

        Set<String> names = new LinkedHashSet<>();
        for (Header h : Collections.list(hostile.getAllHeaders())) {
            names.add(h.getName());
            assertThat(h.getValue().replaceAll("\r\n[ \t]", " ")).as(h.getName()).doesNotContain("\r", "\n");
        }
        assertThat(names).isEqualTo(headerNames(harmless)).isSubsetOf(HEADERS);
        assertThat(hostile.getRecipients(jakarta.mail.Message.RecipientType.TO)).hasSize(1);
        assertThat(hostile.getHeader("Bcc")).isNull();
        assertThat(hostile.getSubject()).doesNotContainPattern("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

        String html = part(hostile, "text/html");
        assertThat(tags(html)).isSubsetOf(tags(part(harmless, "text/html")));
        assertThat(Pattern.compile("href=\"([^\"]*)\"").matcher(html).results().map(r -> r.group(1)))
                .containsExactly(TestNotifications.INCIDENT_PAGE.toString());
        for (String body : List.of(html, part(hostile, "text/plain"))) {
            assertThat(body.replace("\r\n", "\n").replace("\t", ""))
                    .doesNotContainPattern("[\\p{Cc}&&[^\\n]]|[\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]")
                    .doesNotContain("://evil", "www.evil");
        }
    }

    private static Notification notification(String type, String title, String note, String actor, String service,
            String data, boolean page) {
        TestNotifications.Builder b = TestNotifications.notification().type(type).title(title).note(note).actor(actor)
                .service(service).links(LINKS).data("from", data).data("reason", data).data("why", data)
                .data("summary", data).data("description", data);
        if (page) {
            b.recipient(new Recipient("carol", "email", "carol@example.com"));
        }
        return b.build();
    }

    private MimeMessage written(Notification n) throws Exception {
        MimeMessage m = sender.message(n, List.of(address("sre@example.com")), dev.incidentkit.notify.email.internal.MailContent.web(LINKS));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return new MimeMessage(PARSER, new ByteArrayInputStream(out.toByteArray()));
    }

    private static Set<String> headerNames(MimeMessage m) throws Exception {
        Set<String> names = new LinkedHashSet<>();
        for (Header h : Collections.list(m.getAllHeaders())) {
            names.add(h.getName());
        }
        return names;
    }

    private static String part(MimeMessage m, String type) throws Exception {
        Multipart alternative = (Multipart) m.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart p = alternative.getBodyPart(i);
            if (p.isMimeType(type)) {
                return (String) p.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static Set<String> tags(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return new LinkedHashSet<>(out);
    }

    private static InternetAddress address(String a) {
        try {
            return new InternetAddress(a, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
