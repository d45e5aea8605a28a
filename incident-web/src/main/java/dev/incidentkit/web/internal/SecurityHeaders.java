package dev.incidentkit.web.internal;

import org.eclipse.jetty.http.HttpFields;

/** The headers every response carries, errors included. */
public final class SecurityHeaders {

    /** No inline script, no plugins, no framing, forms only to this origin. */
    static final String CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private SecurityHeaders() {}

    /** Sets them, replacing any value already set. */
    public static void apply(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cache-Control", "no-store");
    }
}
