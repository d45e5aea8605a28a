package dev.incidentkit.core.oncall;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EscalationStore;
import dev.incidentkit.core.spi.LogPosition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link Escalator}'s reading of the event log: an {@code incident.declared} on a service a
 * policy covers starts the incident's escalation, an event that takes an incident out of {@link
 * Status#OPEN} stops it. Both are idempotent in the store, so processes may share the checkpoint
 * and a checkpoint that moves back costs reads, not pages. Not thread-safe: the escalator's lock
 * guards it.
 */
final class EscalationFeed {

    private static final int PAGE = 500;

    private final IncidentManager manager;
    private final EscalationStore store;
    private final Supplier<OnCallConfig> config;
    private final String checkpoint;
    private Optional<LogPosition> position = Optional.empty();

    /** What one reading started and stopped. */
    record Moves(int started, int stopped) {}

    /**
     * A feed with no checkpoint yet starts from now (the build): incidents declared before the
     * first escalator are not escalated.
     */
    EscalationFeed(IncidentManager manager, EscalationStore store, Supplier<OnCallConfig> config, String checkpoint) {
        this.manager = manager;
        this.store = store;
        this.config = config;
        this.checkpoint = checkpoint;
        if (manager.checkpoint(checkpoint).isEmpty()) {
            LogPosition head = manager.head();
            manager.saveCheckpoint(checkpoint, head);
            position = Optional.of(head);
        }
    }

    /** Reads the events after the checkpoint, starts and stops escalations, and saves the checkpoint. */
    Moves follow() {
        LogPosition from = position.orElseGet(() -> manager.checkpoint(checkpoint).orElse(LogPosition.START));
        int started = 0;
        int stopped = 0;
        List<RecordedEvent> batch;
        do {
            batch = manager.events(from, PAGE);
            for (RecordedEvent e : batch) {
                if (e.event() instanceof IncidentEvent.Declared d) {
                    // From when it was recorded: a declaration dated back pages from now, not from its past.
                    started += start(d, e.recordedAt()) ? 1 : 0;
                } else if (leavesOpen(e.event()) && store.acknowledge(e.incidentId(), e.occurredAt())) {
                    stopped++;
                }
                from = e.position();
            }
        } while (batch.size() == PAGE);
        if (!position.equals(Optional.of(from))) {
            manager.saveCheckpoint(checkpoint, from);
            position = Optional.of(from);
        }
        return new Moves(started, stopped);
    }

    /** Reads the checkpoint again at the next {@link #follow()}. */
    void forget() {
        position = Optional.empty();
    }

    private boolean start(IncidentEvent.Declared d, Instant at) {
        if (d.status() != Status.OPEN) {
            return false;
        }
        Optional<EscalationPolicy> policy = config.get().policyFor(d.service());
        return policy.isPresent() && store.start(Escalations.start(policy.get(), d.incidentId(), d.severity(), at));
    }

    /** Whether the event takes an incident out of OPEN: the escalation's work is done. */
    private static boolean leavesOpen(IncidentEvent event) {
        return event instanceof IncidentEvent.Acknowledged || event instanceof IncidentEvent.StatusChanged
                || event instanceof IncidentEvent.Canceled || event instanceof IncidentEvent.MarkedDuplicate;
    }
}
