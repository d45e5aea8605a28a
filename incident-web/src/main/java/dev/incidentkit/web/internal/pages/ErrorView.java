package dev.incidentkit.web.internal.pages;

/**
 * A page that says what went wrong: 401, 403, 404, 405, 400 and 5xx.
 *
 * @param frame the page's frame; its title is the heading
 * @param status the HTTP status
 * @param message what happened, in a sentence
 */
public record ErrorView(Frame frame, int status, String message) {}
