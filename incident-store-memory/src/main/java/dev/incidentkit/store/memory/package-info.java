/**
 * The {@link dev.incidentkit.store.memory.InMemoryEventStore}: IncidentKit's storage SPI in memory,
 * events and read model (one summary per incident, published with its events).
 */
@NullMarked
package dev.incidentkit.store.memory;

import org.jspecify.annotations.NullMarked;
