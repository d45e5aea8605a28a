/**
 * Who may do what: the {@link dev.incidentkit.core.access.Authorizer} that {@link
 * dev.incidentkit.core.IncidentManager} consults before every command, so that the command line,
 * the HTTP API and an embedding host share one rule, and the {@link
 * dev.incidentkit.core.access.RoleBasedAuthorizer} that ships with four roles. Authentication
 * (who someone is) is not decided here: a host, or {@code incident-web}, names the {@link
 * dev.incidentkit.core.Actor}.
 */
@NullMarked
package dev.incidentkit.core.access;

import org.jspecify.annotations.NullMarked;
