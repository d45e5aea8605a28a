package dev.incidentkit.web.internal;

import dev.incidentkit.web.internal.pages.ErrorPages;
import dev.incidentkit.web.internal.pages.PageHandler;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors, such as 431 for headers over the limit or 400 for a bad request line, as
 * problem documents (or, to a browser asking for a page, the dashboard's error page) with the
 * security headers, never Jetty's own page nor a stack trace.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    private final Counters counters;

    /** @param counters where answers are counted */
    public ProblemErrorHandler(Counters counters) {
        this.counters = counters;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        if (request.getAttribute(ERROR_STATUS) instanceof Integer s) {
            status = s;
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 431 -> "The request's header fields are larger than the server accepts.";
            case 413 -> "The request body is larger than the server accepts.";
            case 414 -> "The request's URI is longer than the server accepts.";
            default -> status >= 500 ? "The server could not answer this request." : "The request is not well-formed HTTP.";
        };
        String path = request.getHttpURI() == null || request.getHttpURI().getDecodedPath() == null ? "/"
                : request.getHttpURI().getDecodedPath();
        // A browser asking for a page (it accepts HTML, outside the API) reads a page; anyone else a problem document.
        String accept = request.getHeaders().get("Accept");
        boolean page = !path.startsWith(PageHandler.API) && accept != null && accept.contains("text/html");
        ApiResponse answer = page
                ? new ApiResponse(status, "text/html; charset=utf-8", ErrorPages.html(status, detail), Map.of())
                : Problems.problem(type, status, detail, ApiHandler.instance(path), Optional.empty(), Optional.empty());
        counters.answered(status);
        response.setStatus(status);
        SecurityHeaders.apply(response.getHeaders());
        response.getHeaders().put("Content-Type", answer.contentType());
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }
}
