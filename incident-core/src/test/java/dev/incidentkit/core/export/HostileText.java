package dev.incidentkit.core.export;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Arbitrary text for escaping properties: any UTF-16, and fragments that mean something in the target formats. */
final class HostileText {

    static final List<String> FRAGMENTS = List.of(
            "#", "## Root Cause", "\n", "\n\n", "\r\n", "\r", "- ", "* ", "+ ", "1. ", "2) ", "===", "---", "***", "> ", "|",
            "| a | b |\n|---|---|", "<script>", "</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
            "![i](http://e/x.png)", "<javascript:alert(1)>", "[r]: javascript:x", "[^1]", "```", "~~~", "`", "    ",
            "\t", "&amp;", "&#60;", "\\", "*", "_", "~~", "$", "[", "]", "(", ")", "!", "<", ">", "&",
            "\u001b[31m", "\u0000", "\u0007", "\u007f", "\u0085", "\u009b", "\u2028", "\u2029", "\u202e", "\u2066",
            "\ud800", "\udc00", "\ud83d\ude00", "\u00a0", "\u200b", "http://example.com/a?b=c", "www.example.com",
            "a@b.co", "@here", "javascript://%0aalert(1)", "Ahttp://x.y", "HTTPS://x.y", "+ftp://x", "data://x", "<!-- c -->", "<div>", "\\\n", "  \n", "{", "}", "%", "\"", "'",
            // Markdown people write on purpose, and the ways to abuse it.
            "**bold**", "`code`", "```\n<b>\n```", "[ok](https://example.com/a_b)", "[m](mailto:a@b.co)", "<https://x.y>",
            "[r]: https://x", "![i](javascript:x)", "[a](<javascript:x>)", "[a](jav&#97;script:x)", "[a](\njavascript:x)",
            "Title\n===", "\n---", "> # q", "- # li", "~~~", "<a@b.co>", "@alice", "p99*2", "orders_v2", "$5", "<500ms",
            "xhttp://a/@alice", "![i](mailto:x)", "`|`", ":--", "\n:--");

    /**
     * The pieces Markdown prose is made of, to be put together densely: markers that open and
     * close code, containers and links, at the indentations where parsers disagree, and what an
     * attacker would hide in them.
     */
    static final List<String> PROSE_FRAGMENTS = List.of(
            "`", "``", "```", "~~~", "|", "\n", "\n\n", "\n  ", "\n   ", "\n    ", "- ", "* ", "1. ", "2) ", "> ", " ",
            "a", "\\", "[", "]", "![", "](", ")", "(", "mailto:x", "https://e/", "javascript:alert(1)",
            "<img src=x onerror=alert(1)>", "<b>", "@alice", "xhttp://a/@b", ":--", "#", "===", "\t");

    private HostileText() {}

    /** Any text: pieces of arbitrary UTF-16 (lone surrogates included) and of the fragments above. */
    static Arbitrary<String> any() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8),
                Arbitraries.of(FRAGMENTS));
        return piece.list().ofMaxSize(10).map(pieces -> String.join("", pieces));
    }

    /** Markdown prose: mostly the pieces above, with some arbitrary text between them. */
    static Arbitrary<String> prose() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(PROSE_FRAGMENTS)),
                Tuple.of(1, Arbitraries.of(FRAGMENTS)),
                Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(4)));
        return piece.list().ofMaxSize(24).map(pieces -> String.join("", pieces));
    }

    /** Well-formed text (no lone surrogate): what a JSON or UTF-8 round trip can carry exactly. */
    static Arbitrary<String> wellFormed() {
        return any().map(HostileText::withoutLoneSurrogates);
    }

    static String withoutLoneSurrogates(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (!Character.isSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text as the escapers show it: made visible, one line or many. */
    static String visible(String s, boolean keepNewlines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isSurrogate(s.charAt(i)) && width == 1) {
                out.append('\uFFFD');
            } else if (cp == '\n') {
                out.append(keepNewlines ? "\n" : "\\n");
            } else if (cp != '\t' && (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029
                    || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out.toString();
    }

    private static final Pattern SCHEME = Pattern.compile("(?<![A-Za-z0-9+.\\-])([A-Za-z0-9+.\\-]+):(?=//)");

    /** A line as Markdown shows it once defanged: {@code scheme[:]//} for schemes other than http(s) and ftp. */
    static String defanged(String line) {
        Matcher m = SCHEME.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String scheme = m.group(1);
            boolean linked = Set.of("http", "https", "ftp").contains(scheme.toLowerCase(Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(linked ? scheme + ":" : scheme + "[:]"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** An "@" the escapers join: "_" may be emphasis, so an "@" after it may start a text node of its own. */
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9])@(?=[A-Za-z0-9])");

    /** A line as Markdown shows it: defanged, and a WORD JOINER after the {@code @} of a would-be mention. */
    static String shown(String original) {
        // Defanged first: "scheme[:]//" ends a URL, so an "@" after it is no longer in a URL's path.
        String line = defanged(original);
        StringBuilder out = new StringBuilder();
        int last = 0;
        Matcher m = MENTION.matcher(line);
        while (m.find()) {
            if (!inUrlPath(line, m.start())) {
                out.append(line, last, m.start()).append("@\u2060");
                last = m.end();
            }
        }
        out.append(line.substring(last));
        return out.toString();
    }

    /** An {@code @} right after a {@code /} in a word that is an http(s) URL or starts with "www.", up to the "@". */
    private static boolean inUrlPath(String line, int at) {
        if (at == 0 || line.charAt(at - 1) != '/') {
            return false;
        }
        int start = at;
        while (start > 0 && !Character.isWhitespace(line.charAt(start - 1))) {
            start--;
        }
        String word = line.substring(start, at).toLowerCase(Locale.ROOT);
        // The scheme is the whole run of scheme characters before "://" ("xhttp://" is no web URL), and the
        // URL runs on to the "@" only over characters that are no Markdown syntax and that no autolinker trims.
        return Pattern.compile("(?:(?<![a-z0-9+.\\-])https?://|^www\\.)[a-z0-9.:/?#$+,;=%@-]*$").matcher(word).find();
    }

    /** Whether rendered text holds an {@code @name} that GitHub or GitLab would take as a mention (outside a URL's path). */
    static boolean hasMention(String rendered) {
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_])@[A-Za-z0-9]").matcher(rendered);
        while (m.find()) {
            if (!inUrlPath(rendered, m.start())) {
                return true;
            }
        }
        return false;
    }

    /** Strips the blanks Markdown ignores at the ends of a line. */
    static String stripBlanks(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(start, end);
    }
}
