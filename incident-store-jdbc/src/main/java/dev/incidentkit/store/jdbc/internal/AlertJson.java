package dev.incidentkit.store.jdbc.internal;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.alert.LabelMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON of the alert tables' text columns (schema version 5) and of the escalation table's
 * {@code last_paged} (schema version 6), written and read here and nowhere else: an object of
 * strings for labels, annotations and links, an array of {@code {"name", "operator", "value"}}
 * objects for a silence's matchers, and an array of strings for the ids an escalation step paged,
 * in their order. The writer is the format's
 * definition: keys in map order, no whitespace, only {@code "}, {@code \} and control characters
 * escaped (control characters as {@code \}{@code uXXXX}, but for {@code \n}, {@code \t} and
 * {@code \r}). The reader takes any JSON of these shapes, escapes and whitespace included, so that
 * rows written by hand or by another tool are read as well.
 */
final class AlertJson {

    private AlertJson() {}

    static String writeMap(Map<String, String> map) {
        StringBuilder out = new StringBuilder(16 + map.size() * 32).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, e.getKey());
            out.append(':');
            string(out, e.getValue());
        }
        return out.append('}').toString();
    }

    static String writeMatchers(List<LabelMatcher> matchers) {
        StringBuilder out = new StringBuilder().append('[');
        for (int i = 0; i < matchers.size(); i++) {
            LabelMatcher m = matchers.get(i);
            out.append(i == 0 ? "" : ",").append("{\"name\":");
            string(out, m.name());
            out.append(",\"operator\":");
            string(out, m.operator().symbol());
            out.append(",\"value\":");
            string(out, m.value());
            out.append('}');
        }
        return out.append(']').toString();
    }

    /** @return {@code values} as a JSON array of strings, in their order: {@code ["alice","bob"]}, {@code []} */
    static String writeStrings(List<String> values) {
        StringBuilder out = new StringBuilder(2 + values.size() * 16).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        return out.append(']').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static SortedMap<String, String> readMap(String json, String column) {
        Reader r = new Reader(json, column);
        SortedMap<String, String> map = new TreeMap<>();
        r.object((name, reader) -> map.put(name, reader.string()));
        r.end();
        return Collections.unmodifiableSortedMap(map);
    }

    static List<LabelMatcher> readMatchers(String json) {
        Reader r = new Reader(json, "matchers");
        List<LabelMatcher> out = new ArrayList<>();
        r.array(reader -> {
            String[] fields = new String[3];
            reader.object((name, inner) -> {
                switch (name) {
                    case "name" -> fields[0] = inner.string();
                    case "operator" -> fields[1] = inner.string();
                    case "value" -> fields[2] = inner.string();
                    default -> throw inner.malformed("unknown field " + name);
                }
            });
            if (fields[0] == null || fields[1] == null || fields[2] == null) {
                throw reader.malformed("a matcher needs name, operator and value");
            }
            out.add(new LabelMatcher(fields[0], operator(fields[1], reader), fields[2]));
        });
        r.end();
        return List.copyOf(out);
    }

    /** Reads what {@link #writeStrings} wrote; {@code column} names the column in the error, if any. */
    static List<String> readStrings(String json, String column) {
        Reader r = new Reader(json, column);
        List<String> out = new ArrayList<>();
        r.array(reader -> out.add(reader.string()));
        r.end();
        return List.copyOf(out);
    }

    private static LabelMatcher.Operator operator(String symbol, Reader r) {
        for (LabelMatcher.Operator op : LabelMatcher.Operator.values()) {
            if (op.symbol().equals(symbol)) {
                return op;
            }
        }
        throw r.malformed("unknown operator " + symbol);
    }

    /** A reader of JSON made of objects, arrays and strings only. */
    private static final class Reader {
        private final String text;
        private final String column;
        private int at;

        Reader(String text, String column) {
            this.text = text;
            this.column = column;
        }

        interface Member {
            void read(String name, Reader reader);
        }

        interface Element {
            void read(Reader reader);
        }

        void object(Member member) {
            expect('{');
            if (peek() == '}') {
                at++;
                return;
            }
            do {
                String name = string();
                expect(':');
                member.read(name, this);
            } while (comma('}'));
        }

        void array(Element element) {
            expect('[');
            if (peek() == ']') {
                at++;
                return;
            }
            do {
                element.read(this);
            } while (comma(']'));
        }

        /** @return true after a comma, false after the closing character */
        private boolean comma(char close) {
            char c = peek();
            at++;
            if (c == ',') {
                return true;
            }
            if (c != close) {
                throw malformed("expected ',' or '" + close + "'");
            }
            return false;
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw malformed("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw malformed("unterminated escape");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw malformed("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException x) {
                            throw malformed("bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw malformed("bad escape \\" + e);
                }
            }
        }

        void end() {
            skipSpace();
            if (at != text.length()) {
                throw malformed("text after the value");
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw malformed("expected '" + c + "'");
            }
            at++;
        }

        private char peek() {
            skipSpace();
            if (at >= text.length()) {
                throw malformed("unexpected end");
            }
            return text.charAt(at);
        }

        private void skipSpace() {
            while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        StoreException malformed(String why) {
            return new StoreException("The " + column + " column of an IncidentKit table holds malformed JSON ("
                    + why + " at character " + at + ").");
        }
    }
}
