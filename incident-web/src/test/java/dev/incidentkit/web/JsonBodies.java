package dev.incidentkit.web;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Arbitrary JSON text for the body properties: any nesting of the values a route's fields take, and others. */
final class JsonBodies {

    private JsonBodies() {}

    /**
     * @param depth how deep arrays and objects nest
     * @param longest the longest arbitrary string
     * @param words strings the routes know (severities, ids, kinds), to reach past the first check
     * @return JSON values: strings, the words, numbers, booleans, null, and arrays and objects of them
     */
    static Arbitrary<String> json(int depth, int longest, String... words) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(longest).map(JsonBodies::quote),
                Arbitraries.of(words).map(JsonBodies::quote),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = json(depth - 1, longest, words);
        return Arbitraries.oneOf(
                scalar,
                inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                Combinators.combine(Arbitraries.strings().ofMaxLength(8), inner)
                        .as((k, v) -> quote(k) + ":" + v).list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}"));
    }

    /** @return {@code s} as a JSON string, control characters escaped */
    static String quote(String s) {
        var out = new StringBuilder("\"");
        s.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.append('"').toString();
    }
}
