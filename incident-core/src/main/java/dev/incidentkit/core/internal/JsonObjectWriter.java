package dev.incidentkit.core.internal;

/**
 * Writes one flat JSON object of string, number and boolean fields, in the order given. Event
 * data is only that, and writing it by hand is several times cheaper than a Jackson generator per
 * event on the command path. Field names are trusted constants; values are escaped as RFC 8259
 * requires (quote, backslash, control characters), everything else written as is.
 */
final class JsonObjectWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(160).append('{');
    private boolean first = true;

    void writeStringField(String name, String value) {
        name(name);
        out.append('"');
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\t': out.append("\\t"); break;
                case '\r': out.append("\\r"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    void writeNumberField(String name, long value) {
        name(name);
        out.append(value);
    }

    void writeBooleanField(String name, boolean value) {
        name(name);
        out.append(value);
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        out.append('"').append(name).append("\":");
    }

    String finish() {
        return out.append('}').toString();
    }
}
