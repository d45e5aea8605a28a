-- IncidentKit schema version 3 for H2 2.x: the read model. One row per incident, the incident
-- after its last event, replaced by every append in the append's transaction (MERGE ... KEY (id)).
-- Idempotent, as every H2 script; the migration then fills the table from the event log in Java
-- (IncidentSummary.of(readStream) per incident) and records version 3 only when that committed.
--
-- Public, versioned format: see the PostgreSQL script of the same version, column for column.
-- H2 compares strings as Java's String.compareTo does, so ids need no collation here.
CREATE TABLE IF NOT EXISTS incidentkit_summaries (
    id                   CHARACTER VARYING(1000) NOT NULL,
    title                CHARACTER VARYING(1000) NOT NULL,
    title_key            CHARACTER VARYING(1000) NOT NULL,
    severity_level       INTEGER NOT NULL,
    status               CHARACTER VARYING(32) NOT NULL,
    active               BOOLEAN NOT NULL,
    service              CHARACTER VARYING(1000) NOT NULL,
    correlated_services  CHARACTER VARYING(1000) ARRAY NOT NULL,
    role_holders         CHARACTER VARYING(1000) ARRAY NOT NULL,
    commander            CHARACTER VARYING(1000),
    impact_started_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    detected_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    declared_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    acknowledged_at      TIMESTAMP(6) WITH TIME ZONE,
    identified_at        TIMESTAMP(6) WITH TIME ZONE,
    mitigated_at         TIMESTAMP(6) WITH TIME ZONE,
    resolved_at          TIMESTAMP(6) WITH TIME ZONE,
    closed_at            TIMESTAMP(6) WITH TIME ZONE,
    last_changed_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version              BIGINT NOT NULL,
    snapshot_format      INTEGER NOT NULL,
    -- In the row, as incidentkit_events.data is: a CLOB would put every value above 256 bytes
    -- outside it, and a page would read each one apart.
    snapshot             CHARACTER VARYING(1048576) NOT NULL,
    CONSTRAINT incidentkit_summaries_pk PRIMARY KEY (id),
    CONSTRAINT incidentkit_summaries_version_ck CHECK (version >= 1)
);

CREATE INDEX IF NOT EXISTS incidentkit_summaries_declared_ix ON incidentkit_summaries (declared_at, id);
-- H2 has no partial index: the active rows lead an index of their own.
CREATE INDEX IF NOT EXISTS incidentkit_summaries_active_ix ON incidentkit_summaries (active, declared_at, id);
CREATE INDEX IF NOT EXISTS incidentkit_summaries_severity_ix ON incidentkit_summaries (severity_level, id);
CREATE INDEX IF NOT EXISTS incidentkit_summaries_last_change_ix ON incidentkit_summaries (last_changed_at, id);
