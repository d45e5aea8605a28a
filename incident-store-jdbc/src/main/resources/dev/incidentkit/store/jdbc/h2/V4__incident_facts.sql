-- IncidentKit schema version 4 for H2 2.x: what the metrics read of each incident, in columns of
-- its summary row, so that a metrics report reads these and never the snapshot. Idempotent, as
-- every H2 script; the migration then fills the new columns of every row in Java (from its
-- snapshot, or from the fold of its events when the snapshot is in a format this library does not
-- read) and records version 4 only when that committed.
--
-- Public, versioned format: see the PostgreSQL script of the same version, column for column.
ALTER TABLE incidentkit_summaries ADD COLUMN IF NOT EXISTS peak_severity_level INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE incidentkit_summaries ADD COLUMN IF NOT EXISTS acknowledged_by CHARACTER VARYING(1000);
ALTER TABLE incidentkit_summaries ADD COLUMN IF NOT EXISTS sla_breached CHARACTER VARYING(32) ARRAY;
ALTER TABLE incidentkit_summaries ADD COLUMN IF NOT EXISTS reopen_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE incidentkit_summaries ADD COLUMN IF NOT EXISTS action_item_added_at BIGINT ARRAY;
ALTER TABLE incidentkit_summaries ADD COLUMN IF NOT EXISTS action_item_completed_at BIGINT ARRAY;
