/**
 * Incident events as CloudEvents 1.0: {@link dev.incidentkit.core.cloudevents.CloudEventCodec}
 * maps every stored event to a CloudEvent and back, and writes the JSON event format, one event
 * or a batch.
 */
@NullMarked
package dev.incidentkit.core.cloudevents;

import org.jspecify.annotations.NullMarked;
