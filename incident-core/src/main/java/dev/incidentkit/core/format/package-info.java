/**
 * The stored formats: what IncidentKit writes into every database, defined here as contracts.
 *
 * <p>{@link dev.incidentkit.core.format.EventDataFormat} is the event data JSON, {@link
 * dev.incidentkit.core.format.CanonicalForm} the hash chain's canonical bytes and {@link
 * dev.incidentkit.core.format.SnapshotFormat} the snapshot a store keeps beside each incident's
 * events (the read model). Each class is the specification of its format: a plain reference
 * encoder, short enough to read as one, with a version. A stored format never changes in place:
 * events already stored are hashed over these exact bytes, and a change would break {@code
 * verify} on every one of them. A new format gets a new version, and readers keep reading the old
 * one (a snapshot of another version is recomputed from the events instead). Faster encoders in
 * core's internals are held byte for byte equal to these by property tests, and golden vectors in
 * {@code incident-testkit} (the events' written by IncidentKit 0.1.0) are checked against both.
 *
 * @since 0.2.0
 */
@NullMarked
package dev.incidentkit.core.format;

import org.jspecify.annotations.NullMarked;
