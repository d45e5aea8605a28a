package dev.incidentkit.web.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a page cost to load, from the browser's Performance API (Navigation and Resource Timing):
 * the document and each resource with its transfer size (headers included) and encoded body
 * size. One line per page is appended to {@code target/page-weights.txt} ({@code page, requests,
 * bytes}, bytes being transfer sizes: headers and bodies as sent, so a resource from the cache
 * counts 0), and each page's resources go to
 * {@code target/page-weights/<page>.txt}. The file is started afresh by the first page a JVM
 * measures.
 */
final class PageWeight {

    static final Path FILE = Path.of("target", "page-weights.txt");
    static final Path DIR = Path.of("target", "page-weights");
    private static boolean started;

    /** One loaded thing: the document or a resource. */
    record Entry(String name, String type, long transferBytes, long encodedBytes) {}

    /** A page's entries, the document first. */
    record Weight(String page, List<Entry> entries) {
        int requests() {
            return entries.size();
        }

        long transferBytes() {
            return entries.stream().mapToLong(Entry::transferBytes).sum();
        }

        long encodedBytes() {
            return entries.stream().mapToLong(Entry::encodedBytes).sum();
        }
    }

    private static final String SCRIPT = """
            const row = (e, type) => ({name: e.name, type: type, transfer: e.transferSize, encoded: e.encodedBodySize});
            const nav = performance.getEntriesByType('navigation').map(e => row(e, 'document'));
            const res = performance.getEntriesByType('resource').map(e => row(e, e.initiatorType));
            return nav.concat(res);
            """;

    private PageWeight() {}

    /**
     * Loads a page with an empty cache, as a first visit does, and records what it loaded.
     *
     * @return the page's weight
     */
    static Weight measureCold(Browser browser, java.net.URI server, String path, String page) {
        browser.clearCache();
        browser.open(server, path);
        return measure(browser, page);
    }

    /** Measures the page the browser shows (call it once the page has loaded) and records it. */
    static Weight measure(Browser browser, String page) {
        Weight w = read(browser, page);
        write(w);
        return w;
    }

    /** @return what the page the browser shows loaded so far, not recorded */
    static Weight read(Browser browser, String page) {
        browser.await("the page loaded", d -> "complete".equals(browser.script("return document.readyState")) ? true : null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) browser.script(SCRIPT);
        List<Entry> entries = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            entries.add(new Entry((String) r.get("name"), (String) r.get("type"),
                    ((Number) r.get("transfer")).longValue(), ((Number) r.get("encoded")).longValue()));
        }
        return new Weight(page, List.copyOf(entries));
    }

    private static synchronized void write(Weight w) {
        StringBuilder detail = new StringBuilder("type, transfer bytes, encoded body bytes, url\n");
        for (Entry e : w.entries()) {
            detail.append(e.type()).append(", ").append(e.transferBytes()).append(", ").append(e.encodedBytes())
                    .append(", ").append(e.name()).append('\n');
        }
        detail.append("total: ").append(w.requests()).append(" requests, ").append(w.transferBytes())
                .append(" bytes transferred, ").append(w.encodedBytes()).append(" bytes of encoded bodies\n");
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(w.page() + ".txt"), detail, StandardCharsets.UTF_8);
            if (!started) {
                Files.writeString(FILE, "page, requests, bytes\n", StandardCharsets.UTF_8);
                started = true;
            }
            Files.writeString(FILE, w.page() + ", " + w.requests() + ", " + w.transferBytes() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
