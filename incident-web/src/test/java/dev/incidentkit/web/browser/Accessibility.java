package dev.incidentkit.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (bundled in its jar, nothing fetched) on the page a browser shows, writes what it
 * found to {@code target/axe/<page>.txt} and a line per page to {@code target/axe/summary.txt},
 * and fails on any violation of impact serious or critical.
 */
final class Accessibility {

    static final Path DIR = Path.of("target", "axe");
    static final List<String> IMPACTS = List.of("critical", "serious", "moderate", "minor");

    /** Every page checked in this JVM, so that the summary lists them all whatever order the classes run in. */
    private static final Map<String, String> SUMMARY = new TreeMap<>();

    private Accessibility() {}

    /** Checks the page shown, records it under {@code page}, and asserts no serious or critical violation. */
    static Results check(WebDriver driver, String page) {
        Results results = analyze(driver, page);
        record(page, results);
        assertNoSeriousViolations(page, results);
        return results;
    }

    /** @return axe's results for the page shown, not recorded */
    static Results analyze(WebDriver driver, String page) {
        Results results = new AxeBuilder().analyze(driver);
        assertThat(results.isErrored()).as("axe failed on %s: %s", page, results.getErrorMessage()).isFalse();
        return results;
    }

    static void assertNoSeriousViolations(String page, Results results) {
        List<Rule> blocking = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .collect(Collectors.toList());
        assertThat(blocking).as("serious or critical accessibility violations on %s (%s):%n%s",
                page, results.getUrl(), describe(blocking)).isEmpty();
    }

    static String describe(List<Rule> rules) {
        StringBuilder b = new StringBuilder();
        for (Rule r : rules) {
            b.append("- ").append(r.getId()).append(" [").append(r.getImpact()).append("] ").append(r.getHelp())
                    .append(" (").append(r.getHelpUrl()).append(")\n");
            for (CheckedNode n : r.getNodes()) {
                b.append("    ").append(n.getTarget()).append(": ").append(oneLine(n.getFailureSummary())).append('\n');
            }
        }
        return b.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static void record(String page, Results results) {
        Map<String, Integer> byImpact = new TreeMap<>();
        for (Rule r : results.getViolations()) {
            byImpact.merge(String.valueOf(r.getImpact()), r.getNodes().size(), Integer::sum);
        }
        String counts = IMPACTS.stream().map(i -> i + " " + byImpact.getOrDefault(i, 0)).collect(Collectors.joining(", "));
        String line = String.format("%-12s violations (elements): %s; rules violated %d, passed %d, incomplete %d, inapplicable %d",
                page, counts, results.getViolations().size(), results.getPasses().size(),
                results.getIncomplete().size(), results.getInapplicable().size());
        StringBuilder detail = new StringBuilder();
        detail.append("page: ").append(page).append('\n')
                .append("url: ").append(results.getUrl()).append('\n')
                .append("axe-core: ").append(results.getTestEngine() == null ? "?" : results.getTestEngine().getVersion()).append('\n')
                .append(line).append("\n\nviolations:\n").append(results.getViolations().isEmpty() ? "(none)\n" : describe(results.getViolations()))
                .append("\nincomplete (needs a human look):\n")
                .append(results.getIncomplete().stream().map(r -> "- " + r.getId() + " [" + r.getImpact() + "] " + r.getHelp())
                        .collect(Collectors.joining("\n", "", "\n")))
                .append("\npassed:\n")
                .append(results.getPasses().stream().map(r -> "- " + r.getId()).collect(Collectors.joining("\n", "", "\n")));
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(page + ".txt"), detail, StandardCharsets.UTF_8);
            synchronized (SUMMARY) {
                SUMMARY.put(page, line);
                Files.writeString(DIR.resolve("summary.txt"),
                        "axe-core " + (results.getTestEngine() == null ? "" : results.getTestEngine().getVersion())
                                + " in headless Chromium, WCAG 2 A/AA and best-practice rules (axe defaults)\n"
                                + String.join("\n", SUMMARY.values()) + "\n",
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
