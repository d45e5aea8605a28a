package dev.incidentkit.web.internal.pages;

import java.util.Optional;

/**
 * What every page's frame shows besides its content: the title, which section is current, who
 * is logged in (with a log-out button when it is a login session) and the token the page's writes
 * carry.
 *
 * @param title the page's title, also its {@code h1}
 * @param section {@code dashboard}, {@code incidents}, {@code metrics}, {@code alerts}, {@code oncall} or empty (login, errors)
 * @param user who is signed in, if anyone is
 * @param csrfToken the login session's CSRF token, which writes send in {@code X-CSRF-Token}
 * @param mayDeclare whether the user may declare an incident (the header's button)
 * @param alerts whether the server receives alerts (the navigation's Alerts link)
 * @param onCall whether the server has an on-call configuration (the navigation's On call link)
 */
public record Frame(String title, String section, Optional<String> user, Optional<String> csrfToken, boolean mayDeclare,
        boolean alerts, boolean onCall) {

    /** @return the frame of a page shown to someone not signed in (login, errors before authentication) */
    static Frame anonymous(String title) {
        return new Frame(title, "", Optional.empty(), Optional.empty(), false, false, false);
    }

    /** @return whether the user can log out: signed in with a login session */
    public boolean session() {
        return csrfToken.isPresent();
    }
}
