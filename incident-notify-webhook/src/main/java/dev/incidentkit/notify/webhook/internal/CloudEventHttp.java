package dev.incidentkit.notify.webhook.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.types.Time;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The CloudEvents HTTP protocol binding (1.0.2), binary mode: every context attribute but {@code
 * datacontenttype} as a {@code ce-} header, {@code datacontenttype} as {@code Content-Type}.
 */
public final class CloudEventHttp {

    /** The data content type assumed when an event with data has none (JSON event format rule). */
    public static final String DEFAULT_DATA_CONTENT_TYPE = "application/json";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CloudEventHttp() {}

    /**
     * @param event a CloudEvent
     * @return its {@code ce-} headers in a stable order: the required attributes, the optional ones,
     *     then the extensions by name
     */
    public static Map<String, String> binaryHeaders(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", event.getSpecVersion().toString());
        headers.put("ce-id", encode(event.getId()));
        headers.put("ce-source", encode(event.getSource().toString()));
        headers.put("ce-type", encode(event.getType()));
        if (event.getSubject() != null) {
            headers.put("ce-subject", encode(event.getSubject()));
        }
        if (event.getTime() != null) {
            headers.put("ce-time", encode(Time.writeTime(event.getTime())));
        }
        if (event.getDataSchema() != null) {
            headers.put("ce-dataschema", encode(event.getDataSchema().toString()));
        }
        for (String name : new TreeSet<>(event.getExtensionNames())) {
            Object value = event.getExtension(name);
            if (value != null) {
                headers.put("ce-" + name, encode(text(value)));
            }
        }
        return headers;
    }

    private static String text(Object value) {
        if (value instanceof OffsetDateTime time) {
            return Time.writeTime(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof URI uri) {
            return uri.toString();
        }
        return String.valueOf(value);
    }

    /**
     * The binding's rule for header values: space, {@code "}, {@code %} and every character outside
     * printable ASCII are percent-encoded as UTF-8 bytes.
     *
     * @param value an attribute's value as a string
     * @return it as a header value
     */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '"' && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
