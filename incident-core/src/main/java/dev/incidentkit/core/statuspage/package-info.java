/**
 * The public status page: what customers may read of the incidents, and nothing more. Only
 * public updates ({@code incident.public_update}, written on purpose with {@link
 * dev.incidentkit.core.Command.PostPublicUpdate}) appear; titles, notes, people, alerts and every
 * other event stay internal. {@link dev.incidentkit.core.statuspage.StatusPages} reads the page
 * from an {@link dev.incidentkit.core.IncidentManager}; a web module serves it as HTML, JSON and
 * Atom.
 *
 * @since 0.5.0
 */
@NullMarked
package dev.incidentkit.core.statuspage;

import org.jspecify.annotations.NullMarked;
