-- IncidentKit schema version 4 for PostgreSQL 13+: what the metrics read of each incident
-- (core's IncidentFacts), in columns of its summary row, so that a metrics report reads these
-- columns and never the snapshot. Applied in one transaction, under the migration advisory lock;
-- the migration then fills the new columns of every row in the same transaction (Java: from the
-- row's snapshot, or from the fold of the incident's events when the snapshot is in a format this
-- library does not read).
--
-- Public, versioned format. Like every column of version 3 but the snapshot, each one is computed
-- from the incident (IncidentFacts.of) and written by the same statement that writes the row: the
-- append's upsert, or a saveSummary. With the columns of version 3 (status, severity_level,
-- service, correlated_services, role_holders, the milestones) they are all the metrics read:
--
--   peak_severity_level       the most severe level the incident has had (1 for SEV-1 to 4), as
--                             severity_level holds the current one.
--   acknowledged_by           who gave the first acknowledgement; NULL if it was never acknowledged.
--   sla_breached              the SLA clocks with at least one recorded breach, by SlaKind name
--                             ('ACK', 'RESOLVE', 'UPDATE'; a later version may add names), in that
--                             order, each once; NULL when there is none, never an empty array.
--   reopen_count              how many times it was reopened.
--   action_item_added_at      when each action item was added, in item order (item 1 first), as
--                             microseconds since 1970-01-01T00:00:00Z; NULL when it has none, never
--                             an empty array.
--   action_item_completed_at  when each of those items was completed, same unit and order, an
--                             element NULL for an item still open; NULL exactly when
--                             action_item_added_at is, otherwise of the same length.
--
-- Why NULL for "none" and bigint microseconds: most incidents have no breach and no action item,
-- and a NULL costs a row only its bit in the null bitmap, where an empty array costs about 20
-- bytes; an element of bigint[] is 8 bytes as a timestamptz is, and both drivers read a bigint
-- array as plain Longs. The instants core stores are whole microseconds, so nothing is rounded.
--
-- The defaults only fill the two NOT NULL columns for the moment this script adds them, before
-- the fill replaces them; every write sets every column. A peak_severity_level of 0 is no level:
-- a reader answers that row from its events instead.
ALTER TABLE incidentkit_summaries
    ADD COLUMN IF NOT EXISTS peak_severity_level integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS acknowledged_by text,
    ADD COLUMN IF NOT EXISTS sla_breached text[],
    ADD COLUMN IF NOT EXISTS reopen_count integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS action_item_added_at bigint[],
    ADD COLUMN IF NOT EXISTS action_item_completed_at bigint[];
