/** The {@link dev.incidentkit.store.memory.InMemoryEventStore}: IncidentKit's storage SPI in memory. */
@NullMarked
package dev.incidentkit.store.memory;

import org.jspecify.annotations.NullMarked;
