/**
 * IncidentKit's public API: the {@link dev.incidentkit.core.IncidentManager} facade built by
 * {@link dev.incidentkit.core.IncidentKit#builder()}, the {@link dev.incidentkit.core.Incident}
 * snapshot, the commands it takes and the typed exceptions it throws.
 */
@NullMarked
package dev.incidentkit.core;

import org.jspecify.annotations.NullMarked;
