package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.WebHarness.Reply;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a browser asked for, and whatever a link puts in {@code next}, the login form returns
 * to a path of this server: one a browser cannot read as another origin (no {@code //} or
 * {@code /\} start, no whitespace or control a browser would drop), the one asked for when it is
 * such a path. One server serves every try.
 */
class PageLoginRedirectProperties {

    /** Characters that matter to URLs and to browsers' lenient parsing of them. */
    static final List<String> PIECES = List.of("/", "//", "\\", "%2F", "%5C", "%2f", "%09", "%0A", "%20", "+", "?", "#", "&",
            "=", ":", "@", ".", "..", "javascript:", "https:", "evil.example", "%E2%80%AE", "%00", "~", "'", "\"", "<", ">",
            "a", "incidents", "INC-2025-001");

    private static Path dir;
    private static HostServer s;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("incidentkit-login-next");
        s = new HostServer(dir);
    }

    @AfterContainer
    static void stop() throws IOException {
        s.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.strings().withCharRange('!', '~').ofMaxLength(3))
                .list().ofMaxSize(8).map(p -> String.join("", p));
    }

    /** The rule a browser needs: a path of this origin, which no lenient parser reads as another host. */
    static void assertLocal(String then) {
        assertThat(then).startsWith("/").doesNotStartWith("//").doesNotStartWith("/\\");
        assertThat(then.chars()).as(then).allMatch(c -> c > 0x20 && c < 0x7f);
    }

    @Provide
    Arbitrary<String> nexts() {
        return Arbitraries.oneOf(texts(), texts().map(t -> "/" + t));
    }

    @Property(tries = 300)
    void anyNextReturnsToThisServer(@ForAll("nexts") String next) {
        Reply r = s.send(s.request("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)).GET().build());

        assertThat(r.status()).isEqualTo(200);
        String then = PageAuthenticationTest.dataThen(r.body());
        assertLocal(then);
        Statistics.collect(then.equals("/") ? "home" : "kept");
        assertThat(then).isIn("/", next);
        if (next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && next.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            assertThat(then).as("a local next is kept").isEqualTo(next);
        }
    }

    @Property(tries = 300)
    void aPageAskedForWithoutACookieComesBackAfterLogin(@ForAll("texts") String path, @ForAll("texts") String query) {
        String target = "/" + path + (query.isEmpty() ? "" : "?" + query);
        try {
            java.net.URI.create(s.origin() + target);
        } catch (IllegalArgumentException e) {
            Statistics.label("asked").collect("not a URI");
            return;
        }
        Reply r = s.send(s.request(target).GET().build());
        Statistics.label("asked").collect(r.status());
        if (r.status() != 303) {
            // Jetty refuses some targets (an encoded slash, a control) before any page sees them; /login, /assets
            // and /api/ are not pages that redirect.
            assertThat(r.status()).as(target).isLessThan(500);
            return;
        }
        String location = r.header("Location").orElseThrow();
        assertThat(location).startsWith("/login?next=");
        Reply login = s.send(s.request(location).GET().build());
        assertThat(login.status()).as(target + " -> " + location + ": " + login.response().headers().map() + " " + login.body())
                .isEqualTo(200);
        String then = PageAuthenticationTest.dataThen(login.body());
        assertLocal(then);
    }
}
