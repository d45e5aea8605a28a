/**
 * The events of an incident's timeline: one record per fact, under the sealed {@link
 * dev.incidentkit.core.event.IncidentEvent}, and {@link dev.incidentkit.core.event.RecordedEvent},
 * an event with its envelope as stored.
 */
@NullMarked
package dev.incidentkit.core.event;

import org.jspecify.annotations.NullMarked;
