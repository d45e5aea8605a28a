package dev.incidentkit.web.internal.pages;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's error pages: of a page that failed, and of a request Jetty refused before any
 * handler saw it (a malformed address, headers too large).
 */
public final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    /** The page when even the error page fails to render: fixed text, nothing from the request. */
    private static final String FALLBACK = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error · IncidentKit"
            + "</title></head><body><main><h1>Something went wrong</h1><p>The server log has the details.</p></main></body></html>\n";

    private ErrorPages() {}

    /** @return the heading of an error page, such as {@code Not found} */
    static String heading(int status) {
        return switch (status) {
            case 401 -> "Sign-in needed";
            case 403, 405 -> "Not allowed";
            case 404 -> "Not found";
            case 413, 414, 431 -> "Request too large";
            case 429 -> "Too many requests";
            default -> status < 500 ? "Bad request" : "Something went wrong";
        };
    }

    /**
     * @param status the HTTP status
     * @param detail what was wrong, in a sentence
     * @return the page of someone not signed in, UTF-8
     */
    public static byte[] html(int status, String detail) {
        return html(status, detail, Frame.anonymous(heading(status))).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param status the HTTP status
     * @param detail what was wrong, in a sentence
     * @param frame the page's frame, whose title is the heading
     * @return the page; if even that fails to render (a template that failed to load), a fixed one
     */
    static String html(int status, String detail, Frame frame) {
        try {
            return Templates.render("error.jte", new ErrorView(frame, status, detail));
        } catch (RuntimeException | LinkageError e) {
            LOG.error("The error page failed to render", e);
            return FALLBACK;
        }
    }
}
