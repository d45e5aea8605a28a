-- IncidentKit schema version 1 for PostgreSQL 13+ (xid8 and pg_current_xact_id() are from 13).
-- Applied by JdbcEventStore.migrate() in one transaction, under an advisory lock.

-- The event log. position is taken at INSERT but becomes visible at COMMIT, so two transactions
-- can commit out of position order; tx_id (the writing transaction's 64-bit id) is what readers
-- fence on: readAll returns only rows whose tx_id is below the oldest transaction still running,
-- ordered by (tx_id, position). See the module's README.
CREATE TABLE IF NOT EXISTS incidentkit_events (
    position        bigint GENERATED ALWAYS AS IDENTITY,
    tx_id           xid8 NOT NULL DEFAULT pg_current_xact_id(),
    event_id        uuid NOT NULL,
    incident_id     text NOT NULL,
    version         bigint NOT NULL,
    type            text NOT NULL,
    schema_version  integer NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    actor           text NOT NULL,
    command_id      text,
    -- text, never jsonb: the hash chain covers the bytes as core wrote them.
    data            text NOT NULL,
    prev_hash       text NOT NULL,
    hash            text NOT NULL,
    CONSTRAINT incidentkit_events_pk PRIMARY KEY (position),
    CONSTRAINT incidentkit_events_stream_version_uq UNIQUE (incident_id, version),
    CONSTRAINT incidentkit_events_event_id_uq UNIQUE (event_id),
    CONSTRAINT incidentkit_events_version_ck CHECK (version >= 1)
);

CREATE INDEX IF NOT EXISTS incidentkit_events_tx_position_ix ON incidentkit_events (tx_id, position);

-- One row per client command id, written in the same transaction as its events: the primary key
-- is what refuses a second command with the same id, even when two processes race.
CREATE TABLE IF NOT EXISTS incidentkit_commands (
    command_id   text NOT NULL,
    incident_id  text NOT NULL,
    version      bigint NOT NULL,
    CONSTRAINT incidentkit_commands_pk PRIMARY KEY (command_id)
);

-- The last incident number given per year of declaration.
CREATE TABLE IF NOT EXISTS incidentkit_incident_numbers (
    decl_year    integer NOT NULL,
    last_number  bigint NOT NULL,
    CONSTRAINT incidentkit_incident_numbers_pk PRIMARY KEY (decl_year)
);

-- Where each reader of the global order stands.
CREATE TABLE IF NOT EXISTS incidentkit_checkpoints (
    name          text NOT NULL,
    commit_order  bigint NOT NULL,
    position      bigint NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT incidentkit_checkpoints_pk PRIMARY KEY (name)
);

-- Notification delivery state, one row per notifier and event: status, retries, and the lease of
-- the process that owns the delivery now (DESIGN section 7).
CREATE TABLE IF NOT EXISTS incidentkit_deliveries (
    notifier         text NOT NULL,
    event_id         uuid NOT NULL,
    status           text NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_error       text,
    lease_owner      text,
    lease_until      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT incidentkit_deliveries_pk PRIMARY KEY (notifier, event_id),
    CONSTRAINT incidentkit_deliveries_status_ck
        CHECK (status IN ('PENDING', 'IN_FLIGHT', 'DELIVERED', 'RETRY', 'DEAD'))
);

CREATE INDEX IF NOT EXISTS incidentkit_deliveries_due_ix ON incidentkit_deliveries (notifier, status, next_attempt_at);
