/**
 * The HTTP API of IncidentKit, embedded in a host: {@code dev.incidentkit.web.IncidentWeb} serves
 * an {@link dev.incidentkit.core.IncidentManager} under {@code /api/v1}, with the {@link
 * dev.incidentkit.web.Authenticator}s that say who calls, and the manager's {@link
 * dev.incidentkit.core.access.Authorizer} that says what they may do.
 *
 * <p>Built-in authentication: {@link dev.incidentkit.web.Credentials} (users and API tokens in a
 * versioned JSON file, whose {@code roleOf} feeds {@code RoleBasedAuthorizer}), {@link
 * dev.incidentkit.web.TokenAuthenticator} ({@code Authorization: Bearer}), {@link
 * dev.incidentkit.web.Sessions} with {@link dev.incidentkit.web.SessionAuthenticator} (login with
 * a password, a session cookie, CSRF tokens, {@link dev.incidentkit.web.LoginThrottle}), and
 * {@link dev.incidentkit.web.TrustedHeaderAuthenticator} (a single-sign-on proxy's header).
 *
 * <p>Alerts in: {@link dev.incidentkit.web.IncidentWeb.Builder#alerts} enables the alert
 * receivers (Alertmanager, PagerDuty Events v2, a generic format), which authenticate monitoring
 * systems by their {@link dev.incidentkit.web.IntegrationKeys integration keys}, not by the
 * authenticators.
 */
@NullMarked
package dev.incidentkit.web;

import org.jspecify.annotations.NullMarked;
