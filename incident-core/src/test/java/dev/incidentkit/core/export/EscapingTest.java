package dev.incidentkit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.testkit.Fixtures;
import org.junit.jupiter.api.Test;

class EscapingTest {

    private static final String HOSTILE = Fixtures.HOSTILE_PAYLOAD;

    @Test
    void markdownNeutralizesTagsAndLinksAndNothingElse() {
        assertThat(Escaping.markdown(HOSTILE))
                .isEqualTo("\\</script>\\<img src=x onerror=alert(1)> | [x\\](javascript:alert(1))");
    }

    @Test
    void markdownLeavesWhatCannotChangeTheRenderingAsItIs() {
        // The issue's example: the old escaper wrote orders\_v2 &lt;latency&gt; &amp; p99\*2 \[prod\] \#42.
        assertThat(Escaping.markdown("orders_v2 <latency> & p99*2 [prod] #42"))
                .isEqualTo("orders_v2 \\<latency> & p99*2 [prod] #42");
        assertThat(Escaping.markdown("Response time now <500ms, a < b, x > y, AT&T, C:\\Users, 50% ~3 $5 and $10"))
                .isEqualTo("Response time now <500ms, a < b, x > y, AT&T, C:\\Users, 50% ~3 $5 and $10");
        assertThat(Escaping.markdown("see https://grafana.example.com/d/db?from=now-1h&to=now, HTTP://x.y and ftp://f"))
                .isEqualTo("see https://grafana.example.com/d/db?from=now-1h&to=now, HTTP://x.y and ftp://f");
        assertThat(Escaping.markdown("Found slow query in orders table. Query execution time: 8.2s avg (p99) - 3 hosts!"))
                .isEqualTo("Found slow query in orders table. Query execution time: 8.2s avg (p99) - 3 hosts!");
    }

    @Test
    void markdownEscapesDelimitersOnlyWhereTheyWouldPair() {
        assertThat(Escaping.markdown("a\\b `c` *d* _e_ ~~f~~ $g$ #h & &amp; <i@x.y>"))
                .isEqualTo("a\\b \\`c\\` \\*d\\* \\_e\\_ \\~\\~f\\~\\~ \\$g\\$ #h & \\&amp; \\<i@x.y>");
        assertThat(Escaping.markdown("p99*2 and 3*x")).isEqualTo("p99\\*2 and 3\\*x");
        assertThat(Escaping.markdown("snake_case_name and it's `one tick")).isEqualTo("snake_case_name and it's `one tick");
        assertThat(Escaping.markdown("``a`` and `b`")).isEqualTo("\\`\\`a\\`\\` and \\`b\\`");
        assertThat(Escaping.markdown("ends in \\")).isEqualTo("ends in \\\\");
        assertThat(Escaping.markdown("\\*not emphasis\\*")).isEqualTo("\\\\\\*not emphasis\\\\\\*");
    }

    @Test
    void markdownLineCannotStartABlock() {
        assertThat(Escaping.markdown("# heading")).isEqualTo("\\# heading");
        assertThat(Escaping.markdown("#42 is fixed")).isEqualTo("#42 is fixed");
        assertThat(Escaping.markdown("- item")).isEqualTo("\\- item");
        assertThat(Escaping.markdown("-1 and --flag")).isEqualTo("-1 and --flag");
        assertThat(Escaping.markdown("+ item")).isEqualTo("\\+ item");
        assertThat(Escaping.markdown("---")).isEqualTo("\\---");
        assertThat(Escaping.markdown("12. item")).isEqualTo("12\\. item");
        assertThat(Escaping.markdown("3) item")).isEqualTo("3\\) item");
        assertThat(Escaping.markdown("8.2s")).isEqualTo("8.2s");
        assertThat(Escaping.markdown("> quote")).isEqualTo("\\> quote");
        assertThat(Escaping.markdown("```sh")).isEqualTo("\\`\\`\\`sh");
        assertThat(Escaping.markdown("[ref]: https://x")).isEqualTo("\\[ref]: https://x");
        assertThat(Escaping.markdown("    code")).isEqualTo("code");
        assertThat(Escaping.markdown("\tcode  ")).isEqualTo("code");
    }

    @Test
    void markdownDefangsSchemesThatAutolinkersMightLink() {
        assertThat(Escaping.markdown("javascript://%0aalert(1) data://x Ahttp://y"))
                .isEqualTo("javascript[:]//%0aalert(1) data[:]//x Ahttp[:]//y");
    }

    @Test
    void markdownMentionsNotifyNobodyButReadTheSame() {
        assertThat(Escaping.markdown("ping @here, @alice and (@bob); mail a@b.co"))
                .isEqualTo("ping @\u2060here, @\u2060alice and (@\u2060bob); mail a@b.co");
        assertThat(Escaping.markdown("https://mastodon.social/@alice www.npmjs.com/package/@scope/pkg"))
                .isEqualTo("https://mastodon.social/@alice www.npmjs.com/package/@scope/pkg");
    }

    @Test
    void markdownKeepsSingleLineFieldsOnOneLine() {
        assertThat(Escaping.markdown("title\n## Root Cause")).isEqualTo("title\\n## Root Cause");
    }

    @Test
    void markdownBlockKeepsLinesWithoutTrailingBackslashesAndParagraphs() {
        assertThat(Escaping.markdownBlock("\n first\n# second\n\n\n  - third \n===\n\n"))
                .isEqualTo("first\n\\# second\n\n\\- third\n\\===");
        assertThat(Escaping.markdownBlock("Traffic peak at 14:00\nNo query-time alert"))
                .isEqualTo("Traffic peak at 14:00\nNo query-time alert");
        assertThat(Escaping.markdownBlock("line ending in \\\nnext")).isEqualTo("line ending in \\\\\nnext");
        assertThat(Escaping.markdownBlock("a | b\n|---|---|")).isEqualTo("a | b\n|\\---|---|");
        assertThat(Escaping.markdownBlock(" \n\t\n")).isEmpty();
    }

    @Test
    void tableCellsEscapeEveryPipe() {
        assertThat(Escaping.markdownTableCell(" a | b \n c")).isEqualTo("a \\| b \\n c");
    }

    @Test
    void controlCharactersAreMadeVisibleEverywhere() {
        String ansi = "\u001b[31mred\u001b[0m\u0007\r\u0085\u009b2J";
        assertThat(Escaping.plainText(ansi)).isEqualTo("\\u001b[31mred\\u001b[0m\\u0007\\u000d\\u0085\\u009b2J");
        assertThat(Escaping.markdown(ansi)).isEqualTo(Escaping.plainText(ansi));
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
        assertThat(Escaping.markdown(clean)).isEqualTo(clean);
    }

    @Test
    void htmlEscapesMarkupAndQuotes() {
        assertThat(Escaping.html(HOSTILE + " \"q\" 'a' &amp;"))
                .isEqualTo("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; | [x](javascript:alert(1)) "
                        + "&quot;q&quot; &#39;a&#39; &amp;amp;");
    }

    @Test
    void proseKeepsItsMarkdown() {
        String prose = "Use **bold**, _em_, `List<String>` and [the runbook](https://wiki.example.com/r?a=1&b=2).\n\n"
                + "- one\n- two\n\n1. first\n\n> quoted\n\n```java\nMap<String, List<Integer>> m = new HashMap<>();\n```\n\n"
                + "| a | b |\n|---|---|\n| 1 | 2 |\n\nMail <oncall@example.com> or <https://status.example.com>; "
                + "[mail](mailto:sre@example.com)";
        assertThat(Escaping.markdownProse(prose)).isEqualTo(prose);
    }

    @Test
    void proseShowsRawHtmlAsText() {
        assertThat(Escaping.markdownProse("<script>alert(1)</script> and <b>x</b>\n<div onclick=x>\n<!-- c --> `<b>kept</b>`"))
                .isEqualTo("\\<script>alert(1)\\</script> and \\<b>x\\</b>\n\\<div onclick=x>\n\\<!-- c --> `<b>kept</b>`");
    }

    @Test
    void proseKeepsOnlyWebAndMailDestinations() {
        assertThat(Escaping.markdownProse("[x](javascript:alert(1)) ![i](data:image/png;base64,xx) [r](/relative) "
                + "[e](jav&#97;script:x) [b](<javascript:y>) <javascript:alert(2)> <https://ok.example.com>"))
                .isEqualTo("\\[x\\](javascript:alert(1)) ![i\\](data:image/png;base64,xx) [r\\](/relative) "
                        + "[e\\](jav&#97;script:x) [b\\](\\<javascript:y>) \\<javascript:alert(2)> <https://ok.example.com>");
        // With every "]" of the line escaped, a label could go on to the next line: the "[" is escaped too.
        assertThat(Escaping.markdownProse("[r]: javascript:x\n\n[r] and javascript://%0aalert(1)"))
                .isEqualTo("\\[r]: javascript:x\n\n[r] and javascript[:]//%0aalert(1)");
    }

    @Test
    void proseHeadingsBecomeSubHeadings() {
        assertThat(Escaping.markdownProse("# Top\n## Root Cause\n##### five\n> # quoted\n- # listed\nSetext\n===\nTwo\n---"))
                .isEqualTo("### Top\n#### Root Cause\n###### five\n> ### quoted\n- ### listed\nSetext\n\\===\nTwo\n\\---");
    }

    @Test
    void proseCannotUnderlineALineIntoAHeadingWithAnEmptyListItem() {
        // Found by ExportsProperties: a CR made visible, then "- " under it, made a heading of it.
        assertThat(Escaping.markdownProse("\r\n- ")).isEqualTo("\\u000d\n\\- ");
        assertThat(Escaping.markdownProse("text\n-")).isEqualTo("text\n\\-");
    }

    @Test
    void proseFencesStayVerbatimAndAreClosed() {
        assertThat(Escaping.markdownProse("```html\n<script>x</script>\n# not a heading\n```\nafter <b>"))
                .isEqualTo("```html\n<script>x</script>\n# not a heading\n```\nafter \\<b>");
        assertThat(Escaping.markdownProse("~~~~\nunclosed <b>")).isEqualTo("~~~~\nunclosed <b>\n~~~~");
    }

    @Test
    void proseTrimsBlankLinesAndTheFirstLinesIndentation() {
        assertThat(Escaping.markdownProse("\n\n    indented\n  - item\n\n")).isEqualTo("indented\n  - item");
        assertThat(Escaping.markdownProse(" \n\t")).isEmpty();
    }

    @Test
    void proseCodeSpanThatIsNotTrustedFormsNoCodeSpanAndItsContentIsText() {
        // A "|" made the first span untrusted: its closing backtick was left to open a span with the last one.
        String xss = Escaping.markdownProse("`|` <img src=x onerror=alert(1)> `");
        assertThat(xss).isEqualTo("\\`|\\` \\<img src=x onerror=alert(1)> `");
        EscapingProperties.checkProse("`|` <img src=x onerror=alert(1)> `");
        assertThat(Escaping.markdownProse("`|` [x](javascript:alert(1)) `")).isEqualTo("\\`|\\` [x\\](javascript:alert(1)) `");
        EscapingProperties.checkProse("`|` [x](javascript:alert(1)) `");
        // Trusted spans around it stay code.
        assertThat(Escaping.markdownProse("a `b` c ``d|`` e `<f>`")).isEqualTo("a `b` c \\`\\`d|\\`\\` e `<f>`");
    }

    @Test
    void proseFenceInAListItemOrQuoteIsNoTopLevelFence() {
        // The list item, and its fence, end at the unindented line: a parser reads an HTML block there.
        EscapingProperties.checkProse("- a\n  ```\n<img src=x onerror=alert(1)>");
        assertThat(Escaping.markdownProse("- a\n  ```\n<img src=x onerror=alert(1)>")).doesNotContain("\n<img");
        EscapingProperties.checkProse("> ```\n<img src=x onerror=alert(1)>");
        // A fence indented at the top level is closed by one that is not: what follows is text.
        EscapingProperties.checkProse("x\n\n  ```\n```\n<img src=x onerror=alert(1)>");
        EscapingProperties.checkProse("10. a\n    ```\n  x\n   ```\n```\n<img src=x onerror=alert(1)>");
        // Code in list items and quotes stays code, its text sanitized as elsewhere (a backslash shows in it).
        assertThat(Escaping.markdownProse("1. Run:\n   ```sh\n   kubectl <x>\n   ```\n2. Next"))
                .isEqualTo("1. Run:\n   ```sh\n   kubectl \\<x>\n   ```\n2. Next");
        assertThat(Escaping.markdownProse("> ```\n> <b>\n> ```")).isEqualTo("> ```\n> \\<b>\n> ```");
    }

    @Test
    void proseMentionsNotifyNobodyOutsideCode() {
        assertThat(Escaping.markdownProse("ping @alice and `@bob`, see https://mastodon.social/@carol\n```\n@dave\n```"))
                .isEqualTo("ping @\u2060alice and `@bob`, see https://mastodon.social/@carol\n```\n@dave\n```");
        EscapingProperties.checkProse("ping @alice");
        // Found by the property: an escaped "@" shows as one.
        assertThat(Escaping.markdownProse("\\@alice")).isEqualTo("\\@\u2060alice");
        // Found with more tries: after "_" that is emphasis, the "@" starts a text of its own.
        assertThat(Escaping.markdownProse("_!_@0")).isEqualTo("_!_@\u20600");
        EscapingProperties.checkProse("_!_@0");
    }

    @Test
    void aMentionAfterAForeignSchemeIsNoUrlPath() {
        assertThat(Escaping.markdown("xhttp://a/@alice")).isEqualTo("xhttp[:]//a/@\u2060alice");
        assertThat(Escaping.markdownProse("xhttp://a/@alice")).isEqualTo("xhttp[:]//a/@\u2060alice");
        assertThat(Escaping.markdown("(https://a/@alice")).isEqualTo("(https://a/@alice");
    }

    @Test
    void proseImagesComeOnlyFromTheWeb() {
        assertThat(Escaping.markdownProse("![i](mailto:x) [m](mailto:y) [![i](https://e/i.png)](mailto:z)"))
                .isEqualTo("![i\\](mailto:x) [m](mailto:y) [![i](https://e/i.png)](mailto:z)");
        EscapingProperties.checkProse("![i](mailto:x)");
        // Found with more tries: escaped, the "<" of a pointy destination became part of it.
        assertThat(Escaping.markdownProse("[a](<mailto:x`2) [b](<https://e/x y>)")).isEqualTo("[a](<mailto:x`2) [b](<https://e/x y>)");
        EscapingProperties.checkProse("[](<mailto:x`2) ");
    }

    @Test
    void proseInAListItemOrQuoteCannotMakeAHeadingOfLevelOneOrTwo() {
        // Found by the property with more tries: in a list item, four spaces before "-" are no indented code.
        assertThat(Escaping.markdownProse("- a\n    - ")).isEqualTo("- a\n    \\- ");
        assertThat(Escaping.markdownProse("- a\n    ===")).isEqualTo("- a\n    \\===");
        EscapingProperties.checkProse("- a\n    - ");
        // Found with more tries: in a list item, a block quote may be indented by four spaces, and its heading too.
        assertThat(Escaping.markdownProse("- a\n    > # q")).isEqualTo("- a\n    > ### q");
        EscapingProperties.checkProse("- `````````~~~`\n    > # q");
        // And in a block quote, "-" under text is an underline, no empty list item.
        assertThat(Escaping.markdownProse("> a\n> - ")).isEqualTo("> a\n> \\- ");
        EscapingProperties.checkProse("> `````````~~~`\n> - ");
    }

    @Test
    void aDelimiterRowWithoutAPipeCannotMakeATable() {
        // GitHub reads "a" over ":--" as a one-column table; commonmark-java does not, so the property cannot see it.
        assertThat(Escaping.markdownBlock("a\n:--\nb\n--:")).isEqualTo("a\n:\\--\nb\n\\--:");
    }
}
