-- IncidentKit schema version 6 for PostgreSQL 13+: the escalation timers (core's EscalationStore).
-- Applied in one transaction, under the migration advisory lock. Instants are kept to the
-- microsecond (timestamptz), as everywhere else in the schema.
--
-- Public, versioned format. One row per escalated incident, running or ended: the fields of core's
-- Escalation, and the claim of the process that takes its due step. A claim is taken by one
-- statement (a SELECT ... FOR UPDATE SKIP LOCKED of the due rows and an UPDATE of them, RETURNING
-- the claimed rows); a step is stored by one UPDATE guarded by claim_token and status, so that a
-- process whose claim lapsed and was taken over, or whose escalation was acknowledged, writes
-- nothing.
--
--   incident_id   the incident escalated; bytewise order (COLLATE "C"), as String.compareTo.
--   policy_id     the escalation policy's id.
--   severity      the incident's severity when the escalation started: 'SEV1' to 'SEV4' (Severity.name()).
--   triggered_at  when the escalation started.
--   round         the time through the policy's levels, from 1.
--   level         the number (from 1) of the level due next; once exhausted, of the last one stepped.
--   due_at        while running, when the next step is due; when acknowledged, the acknowledgment;
--                 when exhausted, the last step (Escalation.at()).
--   status        'RUNNING', 'ACKNOWLEDGED' or 'EXHAUSTED' (Escalation.Status.name()).
--   last_level    the number of the level stepped last; 0 before the first step.
--   last_paged    whom that step paged: a JSON array of strings, in the order paged, no
--                 whitespace, only '"', '\' and control characters escaped (as the JSON of schema
--                 version 5 is written); '[]' for nobody.
--   claim_owner   the process holding the claim on the due step; NULL when no one does.
--   claim_until   when that claim lapses; NULL when no one holds one. A claim whose claim_until is
--                 not after now has lapsed, and anyone may claim the step again.
--   claim_token   changes with every claim (and every acknowledgment): what completing a step
--                 checks. 0 for an escalation never claimed.
CREATE TABLE IF NOT EXISTS incidentkit_escalations (
    incident_id   text COLLATE "C" NOT NULL,
    policy_id     text NOT NULL,
    severity      text NOT NULL,
    triggered_at  timestamptz NOT NULL,
    round         integer NOT NULL,
    level         integer NOT NULL,
    due_at        timestamptz NOT NULL,
    status        text NOT NULL,
    last_level    integer NOT NULL,
    last_paged    text NOT NULL,
    claim_owner   text,
    claim_until   timestamptz,
    claim_token   bigint NOT NULL,
    CONSTRAINT incidentkit_escalations_pk PRIMARY KEY (incident_id)
);

-- The claim (and running(), and nextDue()): the running rows in the order they are due. Only the
-- running rows, so that ended escalations, nearly all of them, cost the index nothing. Used when a
-- query names the literal predicate status = 'RUNNING' (the store writes it into the SQL, never as
-- a parameter).
CREATE INDEX IF NOT EXISTS incidentkit_escalations_due_ix ON incidentkit_escalations (due_at, incident_id)
    WHERE status = 'RUNNING';

-- nextDue(): the running rows a claim is held on, or was (a dead process's lapsed claim): few.
CREATE INDEX IF NOT EXISTS incidentkit_escalations_claim_ix ON incidentkit_escalations (claim_until)
    WHERE status = 'RUNNING' AND claim_until IS NOT NULL;
