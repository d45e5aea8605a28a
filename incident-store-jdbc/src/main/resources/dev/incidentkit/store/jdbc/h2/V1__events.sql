-- IncidentKit schema version 1 for H2 2.x.
-- H2 commits every DDL statement on its own, so this script cannot run in one transaction: every
-- statement is idempotent instead, and two migrators running it at once both succeed.

-- The event log. Appends lock the single row of incidentkit_log_head and take their positions
-- from it, so positions are gapless and in commit order: a reader never skips one.
CREATE TABLE IF NOT EXISTS incidentkit_events (
    position        BIGINT NOT NULL,
    event_id        UUID NOT NULL,
    incident_id     CHARACTER VARYING(1000) NOT NULL,
    version         BIGINT NOT NULL,
    type            CHARACTER VARYING(1000) NOT NULL,
    schema_version  INTEGER NOT NULL,
    occurred_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    recorded_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor           CHARACTER VARYING(1000) NOT NULL,
    command_id      CHARACTER VARYING(1000),
    -- Text, stored as written: the hash chain covers these characters. H2's limit for a
    -- CHARACTER VARYING value; a CLOB would leave every value above 256 bytes outside the row.
    data            CHARACTER VARYING(1048576) NOT NULL,
    prev_hash       CHARACTER VARYING(64) NOT NULL,
    hash            CHARACTER VARYING(64) NOT NULL,
    CONSTRAINT incidentkit_events_pk PRIMARY KEY (position),
    CONSTRAINT incidentkit_events_stream_version_uq UNIQUE (incident_id, version),
    CONSTRAINT incidentkit_events_event_id_uq UNIQUE (event_id),
    CONSTRAINT incidentkit_events_version_ck CHECK (version >= 1)
);

CREATE TABLE IF NOT EXISTS incidentkit_log_head (
    id             INTEGER NOT NULL,
    last_position  BIGINT NOT NULL,
    CONSTRAINT incidentkit_log_head_pk PRIMARY KEY (id),
    CONSTRAINT incidentkit_log_head_one_row_ck CHECK (id = 1)
);

MERGE INTO incidentkit_log_head h USING (VALUES (1)) s (id) ON h.id = s.id
    WHEN NOT MATCHED THEN INSERT (id, last_position) VALUES (1, 0);

CREATE TABLE IF NOT EXISTS incidentkit_commands (
    command_id   CHARACTER VARYING(1000) NOT NULL,
    incident_id  CHARACTER VARYING(1000) NOT NULL,
    version      BIGINT NOT NULL,
    CONSTRAINT incidentkit_commands_pk PRIMARY KEY (command_id)
);

CREATE TABLE IF NOT EXISTS incidentkit_incident_numbers (
    decl_year    INTEGER NOT NULL,
    last_number  BIGINT NOT NULL,
    CONSTRAINT incidentkit_incident_numbers_pk PRIMARY KEY (decl_year)
);

CREATE TABLE IF NOT EXISTS incidentkit_checkpoints (
    name          CHARACTER VARYING(1000) NOT NULL,
    commit_order  BIGINT NOT NULL,
    position      BIGINT NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT incidentkit_checkpoints_pk PRIMARY KEY (name)
);

CREATE TABLE IF NOT EXISTS incidentkit_deliveries (
    notifier         CHARACTER VARYING(1000) NOT NULL,
    event_id         UUID NOT NULL,
    status           CHARACTER VARYING(16) NOT NULL,
    attempts         INTEGER DEFAULT 0 NOT NULL,
    next_attempt_at  TIMESTAMP(6) WITH TIME ZONE,
    last_error       CHARACTER VARYING(1048576),
    lease_owner      CHARACTER VARYING(1000),
    lease_until      TIMESTAMP(6) WITH TIME ZONE,
    updated_at       TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT incidentkit_deliveries_pk PRIMARY KEY (notifier, event_id),
    CONSTRAINT incidentkit_deliveries_status_ck
        CHECK (status IN ('PENDING', 'IN_FLIGHT', 'DELIVERED', 'RETRY', 'DEAD'))
);

CREATE INDEX IF NOT EXISTS incidentkit_deliveries_due_ix ON incidentkit_deliveries (notifier, status, next_attempt_at);
