/**
 * The storage SPI: what a store adapter implements. {@link dev.incidentkit.core.spi.EventStore}
 * states the contract in full; {@code incident-testkit}'s {@code EventStoreContract} checks it.
 */
@NullMarked
package dev.incidentkit.core.spi;

import org.jspecify.annotations.NullMarked;
