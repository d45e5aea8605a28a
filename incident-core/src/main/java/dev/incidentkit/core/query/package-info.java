/**
 * Questions about many incidents, answered from the read model (one summary per incident, kept
 * by the store beside the events) without replaying their histories: {@link
 * dev.incidentkit.core.query.IncidentQuery}, its {@link dev.incidentkit.core.query.IncidentPage
 * pages} and their opaque cursors.
 */
@NullMarked
package dev.incidentkit.core.query;

import org.jspecify.annotations.NullMarked;
