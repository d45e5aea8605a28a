package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.WebHarness.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the page tests look for in a page's HTML, without a browser: its status, type and
 * security headers, its tags (names and attribute names, for comparing a page's structure with
 * another's), an element's text as a browser would display it, and raw requests whose Host header
 * {@link java.net.http.HttpClient} would not let a test choose.
 */
public final class HtmlPages {

    static final String HTML = "text/html; charset=utf-8";

    /** Text that means something to HTML, to a template language or to bidi rendering, as the brief lists it. */
    static final String SCRIPT = "</script><img src=x onerror=alert(1)>";
    static final String ATTRIBUTE = "\"><svg onload=alert(1)>";
    static final String JS_URL = "javascript:alert(1)";
    static final String MUSTACHE = "{{7*7}}";
    static final String EL = "${7*7}";
    static final String RLO = "\u202E";
    /** All of them in one line of 90 characters: a title, a note, a name. */
    static final String HOSTILE = SCRIPT + " " + ATTRIBUTE + " " + JS_URL + " " + MUSTACHE + " " + EL + " " + RLO + "gnp.exe";

    /** A start tag, with its attributes quoted, unquoted or bare, as the pages write them. */
    private static final Pattern TAG = Pattern.compile(
            "<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s\"'>/=]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s\"'>]+))?)*)\\s*/?>");
    private static final Pattern ATTR = Pattern.compile("([^\\s\"'>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);");

    /** The attributes a browser (or app.js) follows as a URL. */
    private static final List<String> URL_ATTRIBUTES = List.of("href", "src", "action", "formaction", "data-then", "data-api");

    private HtmlPages() {}

    /** One start tag: its name and its attributes' names and raw values, in order. */
    record Tag(String name, List<String> attributes, List<String> values) {
        /** @return the tag without attribute values: what a page's structure is made of */
        String shape() {
            return name + attributes;
        }

        Optional<String> attribute(String attribute) {
            int i = attributes.indexOf(attribute);
            return i < 0 ? Optional.empty() : Optional.of(values.get(i));
        }
    }

    /** Asserts a rendered page: the status, HTML in UTF-8, and the headers every response carries. */
    static String assertPage(Reply r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).hasValue(HTML);
        assertSecurityHeaders(r);
        // Whitespace before the doctype is allowed (the incident template starts with a newline).
        assertThat(r.body().stripLeading()).startsWith("<!DOCTYPE html>");
        return r.body();
    }

    /** The CSP forbids inline script and framing; the rest as for the API ({@link SecurityTest}). */
    static void assertSecurityHeaders(Reply r) {
        SecurityTest.assertSecurityHeaders(r);
        assertThat(r.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(r.header("X-Frame-Options")).hasValue("DENY");
    }

    /** @return every start tag of the page, in order */
    static List<Tag> tags(String html) {
        var out = new ArrayList<Tag>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            var names = new ArrayList<String>();
            var values = new ArrayList<String>();
            Matcher a = ATTR.matcher(m.group(2));
            while (a.find()) {
                names.add(a.group(1).toLowerCase(java.util.Locale.ROOT));
                String v = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4);
                values.add(v == null ? "" : v);
            }
            out.add(new Tag(m.group(1).toLowerCase(java.util.Locale.ROOT), List.copyOf(names), List.copyOf(values)));
        }
        return out;
    }

    private static final Pattern END_TAG = Pattern.compile("</([a-zA-Z][a-zA-Z0-9-]*)\\s*>");
    private static final java.util.Set<String> VOID = java.util.Set.of("area", "base", "br", "col", "embed", "hr", "img",
            "input", "link", "meta", "source", "track", "wbr");

    /**
     * Where a character of a page is.
     *
     * @param tag the start tag of the innermost element open there, or the tag it is inside of, or empty
     * @param inTag whether it is inside a tag: in an attribute value
     */
    record Place(String tag, boolean inTag) {}

    /** @return where a position of the page is */
    static Place place(String html, int position) {
        var open = new java.util.ArrayDeque<String>();
        var names = new java.util.ArrayDeque<String>();
        Matcher start = TAG.matcher(html);
        Matcher end = END_TAG.matcher(html);
        int at = 0;
        while (at < position) {
            boolean s = start.find(at);
            boolean e = end.find(at);
            if (!s && !e) {
                break;
            }
            Matcher next = !e || (s && start.start() < end.start()) ? start : end;
            if (next.start() >= position) {
                break;
            }
            if (next.end() > position) {
                return new Place(next.group(), true);
            }
            String name = next.group(1).toLowerCase(java.util.Locale.ROOT);
            if (next == start) {
                if (!VOID.contains(name) && !next.group().endsWith("/>")) {
                    open.push(next.group());
                    names.push(name);
                }
            } else {
                while (!names.isEmpty()) {
                    open.pop();
                    if (names.pop().equals(name)) {
                        break;
                    }
                }
            }
            at = next.end();
        }
        return new Place(open.isEmpty() ? "" : open.peek(), false);
    }

    /** @return the page's tags as name and attribute names: equal for two pages of the same structure */
    static List<String> shape(String html) {
        return tags(html).stream().map(Tag::shape).toList();
    }

    /**
     * Asserts that nothing in the page is script the page did not mean: one script element (the
     * layout's, by {@code src}), no event-handler attribute, no {@code javascript:} URL in a link.
     */
    static void assertNoInjectedScript(String html) {
        List<Tag> tags = tags(html);
        // Every '<' and letter opens a tag this parser reads, so that nothing like <svg/onload=...> hides from the checks below.
        assertThat(Pattern.compile("<[a-zA-Z]").matcher(html).results().count()).as("start tags").isEqualTo(tags.size());
        assertThat(tags).filteredOn(t -> t.name().equals("script")).hasSize(1)
                .allSatisfy(t -> assertThat(t.attribute("src")).hasValueSatisfying(src -> assertThat(src).startsWith("/assets/app.js?v=")));
        assertThat(tags).flatMap(Tag::attributes).noneMatch(a -> a.startsWith("on"));
        assertThat(tags).as("no URL attribute holds a javascript: URL").noneMatch(t -> URL_ATTRIBUTES.stream()
                .anyMatch(a -> t.attribute(a).map(v -> decode(v).strip().toLowerCase(java.util.Locale.ROOT))
                        .filter(v -> v.startsWith("javascript:")).isPresent()));
        assertThat(html).doesNotContain("<img").doesNotContain("<svg onload").doesNotContain("<iframe");
    }

    /**
     * @param html HTML text or an attribute's value
     * @return text as a browser displays it: character references decoded
     */
    public static String decode(String html) {
        Matcher m = ENTITY.matcher(html);
        var out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String replacement = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(e.startsWith("#x") || e.startsWith("#X")
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** @return the text between the first match of {@code before} and the next {@code after}, raw */
    static String between(String html, String before, String after) {
        int start = html.indexOf(before);
        assertThat(start).as("%s in the page", before).isNotNegative();
        int end = html.indexOf(after, start + before.length());
        assertThat(end).as("%s after %s", after, before).isNotNegative();
        return html.substring(start + before.length(), end);
    }

    /** Sends a request as written, to a server on loopback; @return the whole response, head and body. */
    static String raw(int port, String request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
