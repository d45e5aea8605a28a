package dev.incidentkit.benchmarks;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;

/**
 * The command cycle that {@link CommandBenchmark} and {@link DispatcherBenchmark} measure: one
 * incident's whole life, declare, acknowledge, add a note, mitigate, resolve. Its inputs are
 * non-final fields, not constants, so that the compiler cannot fold them into the measured code.
 */
final class Cycle {

    /** Commands in one cycle: the benchmarks' {@code @OperationsPerInvocation}. */
    static final int COMMANDS = 5;

    private CommandContext context = CommandContext.as(Fixtures.ACTOR);
    private Declare declare =
            Declare.of(Fixtures.TITLE, Severity.SEV2, Fixtures.SERVICE).description(Fixtures.DESCRIPTION);
    private String ackNote = Fixtures.ACK_NOTE;
    private String note = Fixtures.NOTE;
    private String mitigateNote = Fixtures.MITIGATE_NOTE;
    private String resolveNote = Fixtures.RESOLVE_NOTE;

    /** @return the incident, resolved */
    Incident run(IncidentManager m) {
        String id = m.declare(declare, context).id();
        m.acknowledge(id, ackNote, context);
        m.addNote(id, note, context);
        m.mitigate(id, mitigateNote, context);
        return m.resolve(id, resolveNote, context);
    }
}
