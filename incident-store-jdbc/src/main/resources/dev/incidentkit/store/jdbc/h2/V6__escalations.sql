-- IncidentKit schema version 6 for H2 2.x: the escalation timers (core's EscalationStore).
-- Idempotent, as every H2 script: H2 commits each DDL statement by itself. Instants are kept to the
-- microsecond, as everywhere else in the schema.
--
-- Public, versioned format: see the PostgreSQL script of the same version, column for column.
-- H2 compares strings as Java's String.compareTo does, so ids need no collation here. A claim is
-- one transaction: a SELECT of the due rows, then per row, in the order of incident_id, an UPDATE
-- that checks again that the row is due and unclaimed (after waiting for a concurrent claimer's
-- row lock, H2 evaluates the condition on the row as that claimer committed it): the update count
-- decides who has the claim.
--
-- last_paged is a JSON array of strings, in the order paged, no whitespace, only '"', '\' and
-- control characters escaped; '[]' for nobody.
CREATE TABLE IF NOT EXISTS incidentkit_escalations (
    incident_id   CHARACTER VARYING(1000) NOT NULL,
    policy_id     CHARACTER VARYING(1000) NOT NULL,
    severity      CHARACTER VARYING(16) NOT NULL,
    triggered_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    round         INTEGER NOT NULL,
    level         INTEGER NOT NULL,
    due_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    status        CHARACTER VARYING(16) NOT NULL,
    last_level    INTEGER NOT NULL,
    last_paged    CHARACTER VARYING(1048576) NOT NULL,
    claim_owner   CHARACTER VARYING(200),
    claim_until   TIMESTAMP(6) WITH TIME ZONE,
    claim_token   BIGINT NOT NULL,
    CONSTRAINT incidentkit_escalations_pk PRIMARY KEY (incident_id)
);

-- The claim (and running(), and nextDue()): the running rows in the order they are due. H2 has no
-- partial index, so status leads.
CREATE INDEX IF NOT EXISTS incidentkit_escalations_due_ix ON incidentkit_escalations (status, due_at, incident_id);

-- nextDue(): the rows a claim is held on, or was (a dead process's lapsed claim): few.
CREATE INDEX IF NOT EXISTS incidentkit_escalations_claim_ix ON incidentkit_escalations (claim_until);
