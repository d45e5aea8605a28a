package dev.incidentkit.web.internal.pages;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The error page of a request Jetty refused before any handler saw it (a malformed address, headers too large). */
public final class ErrorPages {

    /** The page when even the error page fails to render: fixed text, nothing from the request. */
    static final String FALLBACK = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error · IncidentKit"
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
     * @return the page, UTF-8
     */
    public static byte[] html(int status, String detail) {
        Frame frame = new Frame(heading(status), "", Optional.empty(), Optional.empty(), false);
        return Templates.render("error.jte", new ErrorView(frame, status, detail)).getBytes(StandardCharsets.UTF_8);
    }
}
