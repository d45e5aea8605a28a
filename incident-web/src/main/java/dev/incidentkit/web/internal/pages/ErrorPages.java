package dev.incidentkit.web.internal.pages;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The error page of a request Jetty refused before any handler saw it (a malformed address, headers too large). */
public final class ErrorPages {

    private ErrorPages() {}

    /**
     * @param status the HTTP status
     * @param detail what was wrong, in a sentence
     * @return the page, UTF-8
     */
    public static byte[] html(int status, String detail) {
        String heading = status < 500 ? "Bad request" : "Something went wrong";
        Frame frame = new Frame(heading, "", Optional.empty(), Optional.empty(), false);
        return Templates.render("error.jte", new ErrorView(frame, status, detail)).getBytes(StandardCharsets.UTF_8);
    }
}
