package dev.incidentkit.notify.email.internal;

import dev.incidentkit.notify.spi.Notification;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a message says: its subject ({@code [SEV-1] INC-2026-001 acknowledged: Checkout 500s}), a
 * plain-text body and an HTML body with the same facts. User text is {@linkplain MailText#clean
 * cleaned} everywhere, kept on one line in the subject, and {@linkplain MailText#html escaped} and
 * {@linkplain MailText#defang defanged} in HTML; bare URLs in it are defanged in the text body too,
 * so that only the incident's own links are links.
 *
 * @param subject the subject: one line, no control characters
 * @param text the text/plain body
 * @param html the text/html body
 */
public record MailContent(String subject, String text, String html) {

    /** Subjects are cut to this many characters, with {@code …}. */
    public static final int MAX_SUBJECT = 200;
    /** The most links shown. */
    public static final int MAX_LINKS = 5;

    /**
     * @param n the notification
     * @param links the incident's web links, the first one "Open incident"
     * @return the message's content
     */
    public static MailContent of(Notification n, List<URI> links) {
        String action = MailText.action(n.type());
        String severity = MailText.line(n.severity());
        String incident = MailText.line(n.incidentId());
        String title = MailText.line(n.title());
        String subject = MailText.truncate("[" + severity + "] " + incident + " " + action + ": " + title, MAX_SUBJECT);
        String headline = severity + " · " + incident + " " + action + ": " + title;

        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Severity", n.severity()});
        facts.add(new String[] {"Status", n.status()});
        facts.add(new String[] {"Service", n.service()});
        facts.add(new String[] {"By", n.actor()});
        List<EventDetails.Detail> details = EventDetails.of(n);
        String footer = n.type() + " · event " + n.id()
                + (n.event().getTime() == null ? "" : " · " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(n.event().getTime()));
        String page = n.recipient().map(r -> "You are paged for this incident.").orElse("");

        StringBuilder text = new StringBuilder();
        if (!page.isEmpty()) {
            text.append(page).append("\n\n");
        }
        text.append(MailText.defang(headline)).append("\n\n");
        for (String[] f : facts) {
            text.append(String.format(Locale.ROOT, "%-9s %s\n", f[0] + ":", MailText.defang(MailText.line(f[1]))));
        }
        n.note().ifPresent(note -> text.append("\nNote:\n").append(indent(MailText.defang(MailText.clean(note)))));
        if (!details.isEmpty()) {
            text.append('\n');
            for (EventDetails.Detail d : details) {
                String value = MailText.defang(MailText.clean(d.value()));
                text.append(d.label()).append(':').append(value.contains("\n") ? "\n" + indent(value) : " " + value + "\n");
            }
        }
        for (int i = 0; i < links.size(); i++) {
            text.append(i == 0 ? "\n" : "").append(label(i)).append(": ").append(links.get(i).toASCIIString()).append('\n');
        }
        text.append("\n-- \n").append(MailText.line(footer)).append('\n');

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(MailText.htmlLine(subject))
                .append("</title></head>\n<body style=\"font-family:sans-serif;font-size:14px;color:#1d1d1f\">\n");
        if (!page.isEmpty()) {
            html.append("<p style=\"font-weight:bold;color:#b00020\">").append(MailText.html(page)).append("</p>\n");
        }
        html.append("<h1 style=\"font-size:18px\">").append(MailText.htmlLine(headline)).append("</h1>\n");
        html.append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n");
        for (String[] f : facts) {
            row(html, f[0], MailText.htmlLine(f[1]));
        }
        html.append("</table>\n");
        n.note().ifPresent(note -> html.append("<p><strong>Note</strong></p>\n<p>").append(MailText.htmlBlock(note))
                .append("</p>\n"));
        if (!details.isEmpty()) {
            html.append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n");
            for (EventDetails.Detail d : details) {
                row(html, d.label(), MailText.htmlBlock(d.value()));
            }
            html.append("</table>\n");
        }
        if (!links.isEmpty()) {
            html.append("<p>");
            for (int i = 0; i < links.size(); i++) {
                html.append(i == 0 ? "" : " · ").append("<a href=\"").append(MailText.html(links.get(i).toASCIIString()))
                        .append("\">").append(label(i)).append("</a>");
            }
            html.append("</p>\n");
        }
        html.append("<p style=\"color:#6e6e73;font-size:12px\">").append(MailText.htmlLine(footer)).append("</p>\n");
        html.append("</body></html>\n");
        return new MailContent(subject, text.toString(), html.toString());
    }

    private static void row(StringBuilder html, String label, String escapedValue) {
        html.append("<tr><th align=\"left\" valign=\"top\">").append(MailText.html(label)).append("</th><td>")
                .append(escapedValue).append("</td></tr>\n");
    }

    private static String indent(String block) {
        StringBuilder out = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            out.append("  ").append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * @param index the link's position, from 0
     * @return its label: "Open incident" for the first, "Link 2" and so on after
     */
    static String label(int index) {
        return index == 0 ? "Open incident" : "Link " + (index + 1);
    }

    /**
     * The links come from the host's configuration, not from user text; even so only absolute
     * {@code http} and {@code https} URIs with a host are kept, so that no {@code javascript:} or
     * {@code data:} URI ever becomes a link.
     *
     * @param links candidate links, the most important first
     * @return the first {@value #MAX_LINKS} distinct web links
     */
    public static List<URI> web(List<URI> links) {
        List<URI> out = new ArrayList<>();
        for (URI link : links) {
            String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && link.getHost() != null && !out.contains(link)
                    && link.toASCIIString().length() <= 2000) {
                out.add(link);
                if (out.size() == MAX_LINKS) {
                    break;
                }
            }
        }
        return out;
    }
}
