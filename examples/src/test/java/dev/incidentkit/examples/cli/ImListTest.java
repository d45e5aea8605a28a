package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code im list} on the read model: its filters, its order, its count and paging with the cursor it prints. */
class ImListTest {

    /** Lines after the table: the count, and the next page's command when there is one. */
    private static final String NEXT = "Next page: ";

    Path home;
    ImInProcess im;

    @BeforeEach
    void sevenIncidents(@TempDir Path home) {
        this.home = home;
        im = new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_USER", "alice", "IM_MAX_BACKDATING", "P36500D"));
        declare("SEV-2", "Checkout latency", "checkout", "2025-08-01T10:00:00Z");     // 001
        declare("SEV-1", "Payments DOWN", "payments", "2025-08-02T10:00:00Z");        // 002
        declare("SEV-3", "Slow search", "search", "2025-08-03T10:00:00Z");            // 003
        declare("SEV-4", "Checkout typo", "checkout", "2025-08-04T10:00:00Z");        // 004
        declare("SEV-2", "Search errors", "search", "2025-08-05T10:00:00Z");          // 005
        declare("SEV-3", "Reports late", "reports", "2025-08-06T10:00:00Z");          // 006
        declare("SEV-1", "Login failures", "auth", "2025-08-07T10:00:00Z");           // 007
        Walkthrough.ok(im.run("assign", "--incident", "INC-2025-002", "--role", "commander", "--user", "bob"));
        Walkthrough.ok(im.run("assign", "--incident", "INC-2025-005", "--role", "tech-lead", "--user", "bob"));
        Walkthrough.ok(im.run("correlate", "--incident", "INC-2025-007", "--service", "checkout"));
        Walkthrough.ok(im.run("cancel", "--incident", "INC-2025-004", "--reason", "a typo, no impact"));
        Walkthrough.ok(im.run("mitigate", "--incident", "INC-2025-003", "--note", "cache warmed"));
        Walkthrough.ok(im.run("resolve", "--incident", "INC-2025-003", "--note", "fast again"));
    }

    @Test
    void activeByDefaultNewestFirstWithTheCount() {
        String out = Walkthrough.ok(im.run("list")).out();

        assertThat(idsIn(out)).containsExactly("INC-2025-007", "INC-2025-006", "INC-2025-005", "INC-2025-002",
                "INC-2025-001");
        assertThat(out).endsWith("5 active incidents." + System.lineSeparator()).doesNotContain(NEXT);
        assertThat(idsIn(Walkthrough.ok(im.run("list", "--status", "all")).out())).hasSize(7);
        assertThat(Walkthrough.ok(im.run("list", "--status", "all")).out()).contains("7 incidents.");
    }

    @Test
    void eachFilterKeepsWhatItNames() {
        assertThat(ids("--status", "resolved,canceled")).containsExactly("INC-2025-004", "INC-2025-003");
        assertThat(ids("--severity", "SEV-1")).containsExactly("INC-2025-007", "INC-2025-002");
        assertThat(ids("--severity", "1,P2")).containsExactly("INC-2025-007", "INC-2025-005", "INC-2025-002",
                "INC-2025-001");
        // Primary or correlated, active only by default.
        assertThat(ids("--service", "checkout")).containsExactly("INC-2025-007", "INC-2025-001");
        assertThat(ids("--title", "CHECKOUT", "--status", "all")).containsExactly("INC-2025-004", "INC-2025-001");
        assertThat(ids("--commander", "bob")).containsExactly("INC-2025-002");
        assertThat(ids("--role-holder", "bob")).containsExactly("INC-2025-005", "INC-2025-002");
        assertThat(ids("--since", "2025-08-05", "--until", "2025-08-07")).containsExactly("INC-2025-006",
                "INC-2025-005");
        assertThat(Walkthrough.ok(im.run("list", "--commander", "nobody")).out()).isEqualTo("No active incidents."
                + System.lineSeparator());
    }

    @Test
    void sortAndOrder() {
        assertThat(ids("--sort", "severity")).containsExactly("INC-2025-002", "INC-2025-007",
                "INC-2025-001", "INC-2025-005", "INC-2025-006");
        assertThat(ids("--order", "asc")).containsExactly("INC-2025-001", "INC-2025-002", "INC-2025-005",
                "INC-2025-006", "INC-2025-007");
        assertThat(ids("--sort", "severity", "--order", "desc")).containsExactly("INC-2025-006", "INC-2025-005",
                "INC-2025-001", "INC-2025-007", "INC-2025-002");
        // The last change: 003 was resolved last, 004 canceled before it.
        assertThat(ids("--status", "all", "--sort", "last-change", "--limit", "2")).containsExactly("INC-2025-003",
                "INC-2025-004");
    }

    @Test
    void pagingThroughWithThePrintedCommandVisitsEachIncidentOnce() {
        List<String> seen = new ArrayList<>();
        String[] args = {"list", "--status", "all", "--sort", "severity", "--limit", "3"};
        int pages = 0;
        while (true) {
            String out = Walkthrough.ok(im.run(args)).out();
            pages++;
            seen.addAll(idsIn(out));
            assertThat(out).contains("7 incidents");
            String next = out.lines().filter(l -> l.startsWith(NEXT)).findFirst().orElse(null);
            if (next == null) {
                break;
            }
            List<String> words = Arrays.asList(next.substring(NEXT.length()).split(" "));
            assertThat(words.subList(0, 2)).containsExactly("im", "list");
            args = words.subList(1, words.size()).toArray(String[]::new);
        }
        assertThat(pages).isEqualTo(3);
        // The most severe first, then by id.
        assertThat(seen).containsExactly("INC-2025-002", "INC-2025-007", "INC-2025-001", "INC-2025-005",
                "INC-2025-003", "INC-2025-006", "INC-2025-004");
    }

    @Test
    void jsonCarriesTheCountAndTheNextCursor() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(Walkthrough.ok(im.run("list", "--limit", "4", "--output", "json")).out());
        assertThat(first.path("count").asLong()).isEqualTo(5);
        assertThat(first.path("incidents")).hasSize(4);
        String cursor = first.path("next_cursor").asText();
        assertThat(cursor).isNotEmpty();

        JsonNode second = mapper.readTree(Walkthrough.ok(im.run("list", "--limit", "4", "--output", "json", "--after",
                cursor)).out());
        assertThat(second.path("incidents")).hasSize(1);
        assertThat(second.path("incidents").get(0).path("id").asText()).isEqualTo("INC-2025-001");
        assertThat(second.has("next_cursor")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--limit|0|--limit must be a whole number from 1 to 1000, got \"0\"",
        "--limit|many|--limit must be a whole number from 1 to 1000, got \"many\"",
        "--limit|1001|--limit must be a whole number from 1 to 1000",
        "--sort|newest|--sort must be declared, severity or last-change, got \"newest\"",
        "--order|up|--order must be asc or desc, got \"up\"",
        "--status|active,gone|--status must be active or all, or statuses among",
        "--severity|SEV-9|--severity must be one of SEV-1",
        "--since|yesterday|--since must be a date such as 2025-08-01",
        "--after|not-a-cursor|--after is not a page cursor: copy the one the previous page printed",
        "--title|' '|--title must",
    })
    void aBadValueIsOneSentenceNamingTheOptionAndOpensNoStore(String option, String value, String message)
            throws Exception {
        Path empty = Files.createDirectory(home.resolve("empty"));
        ImInProcess fresh = new ImInProcess(Map.of("IM_HOME", empty.toString()));

        ImProcess.Result result = fresh.run("list", option, value);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(6);
        assertThat(result.err()).startsWith("im: " + message).hasLineCount(1);
        assertThat(result.out()).isEmpty();
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files).as("nothing written, not even the store's file").isEmpty();
        }
    }

    @Test
    void aCursorOfAnotherOrderIsRefusedNamingAfter() {
        String out = Walkthrough.ok(im.run("list", "--limit", "2")).out();
        String cursor = out.substring(out.indexOf("--after ") + "--after ".length()).strip();

        ImProcess.Result result = im.run("list", "--limit", "2", "--sort", "severity", "--after", cursor);

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).startsWith("im: --after was made for another order");
    }

    private void declare(String sev, String title, String service, String at) {
        Walkthrough.ok(im.run("declare", "--sev", sev, "--title", title, "--service", service, "--at", at));
    }

    private List<String> ids(String... listOptions) {
        String[] args = new String[listOptions.length + 1];
        args[0] = "list";
        System.arraycopy(listOptions, 0, args, 1, listOptions.length);
        return idsIn(Walkthrough.ok(im.run(args)).out());
    }

    private static List<String> idsIn(String out) {
        return out.lines().filter(l -> l.startsWith("INC-")).map(l -> l.split(" ", 2)[0]).toList();
    }
}
