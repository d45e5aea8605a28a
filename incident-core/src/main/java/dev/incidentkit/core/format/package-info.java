/**
 * The stored formats: what IncidentKit writes into every database, defined here as contracts.
 *
 * <p>{@link dev.incidentkit.core.format.EventDataFormat} is the event data JSON and {@link
 * dev.incidentkit.core.format.CanonicalForm} the hash chain's canonical bytes. Each class is the
 * specification of its format: a plain reference encoder, short enough to read as one, with a
 * version. A stored format never changes in place: events already stored are hashed over these
 * exact bytes, and a change would break {@code verify} on every one of them. A new format gets a
 * new version, and readers keep reading the old one. Faster encoders in core's internals are held
 * byte for byte equal to these by property tests, and golden vectors written by IncidentKit 0.1.0
 * (in {@code incident-testkit}) are checked against both.
 *
 * @since 0.2.0
 */
@NullMarked
package dev.incidentkit.core.format;

import org.jspecify.annotations.NullMarked;
