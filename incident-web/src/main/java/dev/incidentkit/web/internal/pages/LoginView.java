package dev.incidentkit.web.internal.pages;

/**
 * The login page.
 *
 * @param frame the page's frame
 * @param available whether this server has login with a password at all
 * @param local whether it has no users at all: it acts for whoever uses it on this computer
 * @param next the path of this server to go to after the login
 */
public record LoginView(Frame frame, boolean available, boolean local, String next) {}
