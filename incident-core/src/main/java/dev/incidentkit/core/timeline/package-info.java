/** The timeline of an incident: its events as a responder reads them, in the order they happened. */
@NullMarked
package dev.incidentkit.core.timeline;

import org.jspecify.annotations.NullMarked;
