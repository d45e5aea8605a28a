package dev.incidentkit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapingTest {

    private static final String HOSTILE = "</script><img src=x onerror=alert(1)> | [x](javascript:alert(1))";

    @Test
    void markdownNeutralizesTagsTablePipesAndLinks() {
        assertThat(Escaping.markdown(HOSTILE))
                .isEqualTo("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; \\| \\[x\\]\\(javascript:alert(1))");
    }

    @Test
    void markdownEscapesInlineMetacharactersWhereverTheyStand() {
        assertThat(Escaping.markdown("a\\b `c` *d* _e_ ~~f~~ $g$ #h & &amp; <i@x.y>"))
                .isEqualTo("a\\\\b \\`c\\` \\*d\\* \\_e\\_ \\~\\~f\\~\\~ \\$g\\$ \\#h &amp; &amp;amp; &lt;i@x.y&gt;");
    }

    @Test
    void markdownLineCannotStartABlock() {
        assertThat(Escaping.markdown("# heading")).isEqualTo("\\# heading");
        assertThat(Escaping.markdown("- item")).isEqualTo("\\- item");
        assertThat(Escaping.markdown("+ item")).isEqualTo("\\+ item");
        assertThat(Escaping.markdown("===")).isEqualTo("\\===");
        assertThat(Escaping.markdown("---")).isEqualTo("\\---");
        assertThat(Escaping.markdown("12. item")).isEqualTo("12\\. item");
        assertThat(Escaping.markdown("3) item")).isEqualTo("3\\) item");
        assertThat(Escaping.markdown("> quote")).isEqualTo("&gt; quote");
        assertThat(Escaping.markdown("    code")).isEqualTo("code");
        assertThat(Escaping.markdown("\tcode  ")).isEqualTo("code");
    }

    @Test
    void markdownLeavesOrdinaryTextReadable() {
        assertThat(Escaping.markdown("Found slow query in orders table. Query execution time: 8.2s avg (p99) - 3 hosts!"))
                .isEqualTo("Found slow query in orders table. Query execution time: 8.2s avg (p99) - 3 hosts!");
    }

    @Test
    void markdownDefangsSchemesThatAutolinkersMightLinkAndKeepsWebLinks() {
        assertThat(Escaping.markdown("javascript://%0aalert(1) data://x Ahttp://y"))
                .isEqualTo("javascript\\[:\\]//%0aalert(1) data\\[:\\]//x Ahttp\\[:\\]//y");
        assertThat(Escaping.markdown("see https://grafana.example.com/d/db?from=now-1h, HTTP://x.y and ftp://f"))
                .isEqualTo("see https://grafana.example.com/d/db?from=now-1h, HTTP://x.y and ftp://f");
    }

    @Test
    void markdownKeepsSingleLineFieldsOnOneLine() {
        assertThat(Escaping.markdown("title\n## Root Cause")).isEqualTo("title\\\\n\\#\\# Root Cause");
    }

    @Test
    void markdownBlockKeepsLinesAndParagraphs() {
        assertThat(Escaping.markdownBlock("\n first\n# second\n\n\n  - third \n\n"))
                .isEqualTo("first\\\n\\# second\n\n\\- third");
        assertThat(Escaping.markdownBlock(" \n\t\n")).isEmpty();
    }

    @Test
    void controlCharactersAreMadeVisibleEverywhere() {
        String ansi = "\u001b[31mred\u001b[0m\u0007\r\u0085\u009b2J";
        assertThat(Escaping.plainText(ansi)).isEqualTo("\\u001b[31mred\\u001b[0m\\u0007\\u000d\\u0085\\u009b2J");
        assertThat(Escaping.markdown(ansi)).isEqualTo("\\\\u001b\\[31mred\\\\u001b\\[0m\\\\u0007\\\\u000d\\\\u0085\\\\u009b2J");
        assertThat(Escaping.html("\u001b")).isEqualTo("\\u001b");
    }

    @Test
    void plainTextKeepsNewlinesAndTabsButASingleLineDoesNot() {
        assertThat(Escaping.plainText("a\n\tb")).isEqualTo("a\n\tb");
        assertThat(Escaping.plainTextLine("a\n\tb")).isEqualTo("a\\n\tb");
    }

    @Test
    void bidiControlsAndLineSeparatorsAreMadeVisible() {
        assertThat(Escaping.plainText("eve\u202Elive\u2066x\u2069\u2028\u2029"))
                .isEqualTo("eve\\u202elive\\u2066x\\u2069\\u2028\\u2029");
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersAndPairsStay() {
        assertThat(Escaping.plainText("a\uD800b\uDC00c\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
    }

    @Test
    void textWithoutAnythingToEscapeIsReturnedAsItIs() {
        String clean = "Checkout latency: p99 5 s, 💥 ünïcödé";
        assertThat(Escaping.plainText(clean)).isSameAs(clean);
    }

    @Test
    void htmlEscapesMarkupAndQuotes() {
        assertThat(Escaping.html(HOSTILE + " \"q\" 'a' &amp;"))
                .isEqualTo("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; | [x](javascript:alert(1)) "
                        + "&quot;q&quot; &#39;a&#39; &amp;amp;");
    }
}
