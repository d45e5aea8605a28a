-- IncidentKit schema version 4 for H2 2.x: what the metrics read of each incident, in columns of
-- its summary row, so that a metrics report reads these and never the snapshot. The migration
-- then fills the new columns of every row in Java (from its snapshot, or from the fold of its
-- events when the snapshot is in a format this library does not read) and records version 4 only
-- when that committed.
--
-- Public, versioned format: see the PostgreSQL script of the same version, column for column.
--
-- One statement for the six columns: H2 copies the whole table for each ALTER TABLE ... ADD, and
-- six copies of a large read model take minutes. H2 has no IF NOT EXISTS for several columns, so
-- this script is idempotent another way: the statement adds all six or none, and the migrator
-- takes H2's "duplicate column" (SQLState 42S21) from it as "already added".
ALTER TABLE incidentkit_summaries ADD (
    peak_severity_level       INTEGER DEFAULT 0 NOT NULL,
    acknowledged_by           CHARACTER VARYING(1000),
    sla_breached              CHARACTER VARYING(32) ARRAY,
    reopen_count              INTEGER DEFAULT 0 NOT NULL,
    action_item_added_at      BIGINT ARRAY,
    action_item_completed_at  BIGINT ARRAY
);

-- What a walk of the facts reads, in its order: H2 answers it from this index alone (a covering
-- index), never reading a row, whose snapshot H2 would decode with the rest of its page. It starts
-- with the columns of incidentkit_summaries_declared_ix, which it replaces for every query that
-- one served. H2 updates an entry only when one of its values changes: an append that changes no
-- fact (a note, say) leaves it as it is. (PostgreSQL needs no such index: it reads a row's columns
-- without decoding the others.)
CREATE INDEX IF NOT EXISTS incidentkit_summaries_facts_ix ON incidentkit_summaries (declared_at, id, status,
    severity_level, peak_severity_level, service, correlated_services, role_holders, impact_started_at, detected_at,
    acknowledged_at, identified_at, mitigated_at, resolved_at, closed_at, acknowledged_by, sla_breached, reopen_count,
    action_item_added_at, action_item_completed_at);
DROP INDEX IF EXISTS incidentkit_summaries_declared_ix;
