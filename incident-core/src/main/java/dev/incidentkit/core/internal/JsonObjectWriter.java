package dev.incidentkit.core.internal;

import dev.incidentkit.core.format.EventDataWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes one flat JSON object of string, number and boolean fields, in the order given. Event
 * data is only that, and writing it by hand is several times cheaper than a Jackson generator per
 * event on the command path. Field names are trusted constants; values are escaped as RFC 8259
 * requires (quote, backslash, control characters), everything else written as is.
 */
final class JsonObjectWriter implements EventDataWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * One builder per thread, emptied for each object: the data of every event is written on the
     * command path, and a new builder a time is most of what writing it allocates.
     */
    private static final ThreadLocal<JsonObjectWriter> WRITER = ThreadLocal.withInitial(JsonObjectWriter::new);
    /** Past this, a builder is not kept for the next object: one huge event must not pin memory. */
    private static final int KEPT_CAPACITY = 16 * 1024;

    private StringBuilder out = new StringBuilder(256);
    private boolean first;

    private JsonObjectWriter() {}

    /** @return this thread's writer, started on a new object; {@link #finish} it before the next */
    static JsonObjectWriter start() {
        JsonObjectWriter w = WRITER.get();
        w.out.setLength(0);
        w.out.append('{');
        w.first = true;
        return w;
    }

    @Override
    public void string(String name, String value) {
        name(name);
        quoted(value);
    }

    private void quoted(String value) {
        out.append('"');
        // Most text needs no escape: append it whole (one array copy), not char by char.
        int n = value.length();
        int i = 0;
        while (i < n && !needsEscape(value.charAt(i))) {
            i++;
        }
        if (i == n) {
            out.append(value).append('"');
            return;
        }
        out.append(value, 0, i);
        for (; i < n; i++) {
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

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }

    @Override
    public void integer(String name, long value) {
        name(name);
        out.append(value);
    }

    @Override
    public void bool(String name, boolean value) {
        name(name);
        out.append(value);
    }

    @Override
    public void stringMap(String name, SortedMap<String, String> value) {
        name(name);
        out.append('{');
        boolean firstEntry = true;
        for (Map.Entry<String, String> e : value.entrySet()) {
            if (!firstEntry) {
                out.append(',');
            }
            firstEntry = false;
            quoted(e.getKey());
            out.append(':');
            quoted(e.getValue());
        }
        out.append('}');
    }

    @Override
    public void stringList(String name, List<String> value) {
        name(name);
        out.append('[');
        for (int i = 0, n = value.size(); i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            quoted(value.get(i));
        }
        out.append(']');
    }

    /** {@link Instants#iso}: the formatter's text, without the formatter's cost. */
    @Override
    public void instant(String name, Instant value) {
        string(name, Instants.iso(value));
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        out.append('"').append(name).append("\":");
    }

    String finish() {
        String json = out.append('}').toString();
        if (out.capacity() > KEPT_CAPACITY) {
            out = new StringBuilder(256);
        }
        return json;
    }
}
