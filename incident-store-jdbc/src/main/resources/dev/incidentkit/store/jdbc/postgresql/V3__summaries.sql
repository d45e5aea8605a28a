-- IncidentKit schema version 3 for PostgreSQL 13+: the read model. One row per incident, the
-- incident after its last event, replaced by every append in the append's transaction (one
-- statement: the append's INSERT ... WITH ... ON CONFLICT (id) DO UPDATE). Applied in one
-- transaction, under the migration advisory lock; the migration then fills the table from the
-- event log in the same transaction (Java: IncidentSummary.of(readStream) per incident).
--
-- Public, versioned format. snapshot holds the whole incident as SnapshotFormat JSON of version
-- snapshot_format; every other column is read from that snapshot (IncidentSummary's methods) so
-- that SQL can filter and sort: reading them needs no JSON. A store never misreads a
-- snapshot_format it does not know: it folds that incident from its events instead.
--
-- Ids and title keys compare bytewise (COLLATE "C"), as Java's String.compareTo and
-- String.contains do for the ids and titles IncidentKit accepts; the database's own collation is
-- never used for them. title_key is the title folded for case by core (IncidentSummary.titleKey()), never
-- by SQL's LOWER. Services and role holders are arrays: one row per incident, so that an append
-- writes the read model in one upsert and a page is read without joins.
CREATE TABLE IF NOT EXISTS incidentkit_summaries (
    id                   text COLLATE "C" NOT NULL,
    title                text NOT NULL,
    title_key            text COLLATE "C" NOT NULL,
    severity_level       integer NOT NULL,
    status               text NOT NULL,
    -- status is one of the active statuses (OPEN to MITIGATED): what the active index covers.
    active               boolean NOT NULL,
    service              text NOT NULL,
    correlated_services  text[] NOT NULL,
    -- Everyone holding a role, commander included, sorted.
    role_holders         text[] NOT NULL,
    commander            text,
    impact_started_at    timestamptz NOT NULL,
    detected_at          timestamptz NOT NULL,
    declared_at          timestamptz NOT NULL,
    acknowledged_at      timestamptz,
    identified_at        timestamptz,
    mitigated_at         timestamptz,
    resolved_at          timestamptz,
    closed_at            timestamptz,
    -- When the last event was recorded.
    last_changed_at      timestamptz NOT NULL,
    version              bigint NOT NULL,
    snapshot_format      integer NOT NULL,
    snapshot             text NOT NULL,
    CONSTRAINT incidentkit_summaries_pk PRIMARY KEY (id),
    CONSTRAINT incidentkit_summaries_version_ck CHECK (version >= 1)
);

-- Each order ends with the id in the same direction, so one index serves both directions.
CREATE INDEX IF NOT EXISTS incidentkit_summaries_declared_ix ON incidentkit_summaries (declared_at, id);
-- Only the active rows: small, and a closed incident's rare changes do not touch it. Used when a
-- query names the literal predicate "active" (the store writes it into the SQL, never as a parameter).
CREATE INDEX IF NOT EXISTS incidentkit_summaries_active_ix ON incidentkit_summaries (declared_at, id) WHERE active;
CREATE INDEX IF NOT EXISTS incidentkit_summaries_severity_ix ON incidentkit_summaries (severity_level, id);
CREATE INDEX IF NOT EXISTS incidentkit_summaries_last_change_ix ON incidentkit_summaries (last_changed_at, id);

-- The ids of the streams in String.compareTo order, for IncidentKit's walk over every incident
-- (this version's fill, rebuildReadModel, verifyReadModel): SELECT incident_id ... WHERE version = 1 AND
-- incident_id COLLATE "C" > ? ORDER BY incident_id COLLATE "C". The unique index on (incident_id,
-- version) orders by the database's collation, which that query cannot use: without this one, each
-- page would read the whole event log. One entry per stream (its event at version 1).
CREATE INDEX IF NOT EXISTS incidentkit_events_stream_ids_ix ON incidentkit_events ((incident_id COLLATE "C")) WHERE version = 1;
