package dev.incidentkit.core.internal;

import dev.incidentkit.core.Lifecycle;
import dev.incidentkit.core.access.Authorizer;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.notify.ContactBook;
import dev.incidentkit.core.sla.SlaPolicy;
import dev.incidentkit.core.spi.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/** The checked configuration of a manager, as {@link dev.incidentkit.core.IncidentKit.Builder} builds it. */
public record ManagerSettings(
        EventStore store,
        Clock clock,
        ZoneId zone,
        String idPrefix,
        Duration maxClockSkew,
        Duration maxBackdating,
        Lifecycle lifecycle,
        CloudEventCodec codec,
        int conflictRetries,
        int snapshotCacheSize,
        Duration pollInterval,
        SlaPolicy slaPolicy,
        Authorizer authorizer,
        NotificationSettings notifications,
        ContactBook contacts) {

    public ManagerSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        Objects.requireNonNull(maxBackdating, "maxBackdating");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(slaPolicy, "slaPolicy");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(contacts, "contacts");
    }
}
