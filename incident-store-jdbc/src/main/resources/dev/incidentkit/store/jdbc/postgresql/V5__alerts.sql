-- IncidentKit schema version 5 for PostgreSQL 13+: the alert state (core's AlertStore): alerts,
-- their groups, the storm counters and the silences. Applied in one transaction, under the
-- migration advisory lock. Instants are kept to the microsecond (timestamptz), as everywhere else
-- in the schema.
--
-- Public, versioned format. Every decision AlertStore names is one transaction that locks the
-- row it decides on (SELECT ... FOR UPDATE); two processes inserting the same new row race on the
-- primary key, and the loser tries again and finds the winner's row.
--
-- Maps (labels, annotations, links) are JSON objects of strings, keys sorted as
-- String.compareTo sorts them, no whitespace, as RFC 8259 writes them; characters outside ASCII
-- are written as they are (UTF-8), and only '"', '\' and control characters are escaped.

-- One row per source and dedup key: the alert's latest episode. A resolved alert that fires
-- again replaces its row with a new episode (a new alert_id).
--
--   source         the system and integration that sent it, such as 'alertmanager'.
--   dedup_key      what makes two posts the same alert (Alertmanager's fingerprint).
--   alert_id       the episode's id, a UUID in its text form; unique.
--   status         'firing' or 'resolved' (AlertStatus.wireName).
--   summary        what is wrong, as the source said when the episode started.
--   severity       the source's word for how bad it is; '' when it gave none.
--   labels         the alert's labels, a JSON object of strings ('{}' when none).
--   annotations    its annotations, a JSON object of strings ('{}' when none).
--   links          its named links, a JSON object of name to URL ('{}' when none).
--   starts_at      when the source says it started firing.
--   first_seen     when the episode was first received.
--   last_seen      when it was last received, firing or resolved.
--   repeats        how many times it was received while firing, at least 1.
--   resolved_at    when it was received resolved; NULL while firing.
--   incident_id    the incident it declared or joined; NULL if none (yet).
--   suppressed_by  the id of the silence or maintenance window that suppressed it; NULL if none.
--   claim_until    until when the process that routes it (declares or joins its incident) holds
--                  it; NULL when no one does (attached, suppressed or resolved). A firing
--                  repeat after it, with no incident, is routed again by whoever receives it.
CREATE TABLE IF NOT EXISTS incidentkit_alerts (
    source         text NOT NULL,
    dedup_key      text NOT NULL,
    alert_id       text NOT NULL,
    status         text NOT NULL,
    summary        text NOT NULL,
    severity       text NOT NULL,
    labels         text NOT NULL,
    annotations    text NOT NULL,
    links          text NOT NULL,
    starts_at      timestamptz NOT NULL,
    first_seen     timestamptz NOT NULL,
    last_seen      timestamptz NOT NULL,
    repeats        bigint NOT NULL,
    resolved_at    timestamptz,
    incident_id    text,
    suppressed_by  text,
    claim_until    timestamptz,
    CONSTRAINT incidentkit_alerts_pk PRIMARY KEY (source, dedup_key),
    CONSTRAINT incidentkit_alerts_id_uq UNIQUE (alert_id)
);

-- How many alerts of an incident are firing (firingCount), and the alerts of an incident.
CREATE INDEX IF NOT EXISTS incidentkit_alerts_incident_ix ON incidentkit_alerts (incident_id, status);
-- Lists, newest received first.
CREATE INDEX IF NOT EXISTS incidentkit_alerts_last_seen_ix ON incidentkit_alerts (last_seen);
-- The alert figures of a window (counts(from, until)).
CREATE INDEX IF NOT EXISTS incidentkit_alerts_first_seen_ix ON incidentkit_alerts (first_seen);

-- One row per alert group: which incident its alerts join, and who declares it.
--
--   group_key      the group, as AlertIntake keys it ('source:alertmanager:<group>', 'labels:...',
--                  'alert:<id>', 'storm:<source>'; 'sha256:<hex>' for a key over 200 characters).
--   claim_id       the id of the claim under which the group's incident is declared; the
--                  declaration's command id is derived from it, and a process that takes over an
--                  ended claim keeps it.
--   claim_until    until when the claimant holds the group; others wait meanwhile.
--   incident_id    the group's incident once declared; NULL before.
--   last_alert_at  when the group last received an alert: a group whose last alert is older than
--                  the grouping window is started again.
CREATE TABLE IF NOT EXISTS incidentkit_alert_groups (
    group_key      text NOT NULL,
    claim_id       text NOT NULL,
    claim_until    timestamptz NOT NULL,
    incident_id    text,
    last_alert_at  timestamptz NOT NULL,
    CONSTRAINT incidentkit_alert_groups_pk PRIMARY KEY (group_key)
);

-- The storm limit: how many incidents alerts of a source declared in a minute.
--
--   source        the alerts' source.
--   minute_start  the minute, truncated (seconds and below zero).
--   admitted      how many were admitted in it, never more than the limit at the time.
CREATE TABLE IF NOT EXISTS incidentkit_alert_admissions (
    source        text NOT NULL,
    minute_start  timestamptz NOT NULL,
    admitted      integer NOT NULL,
    CONSTRAINT incidentkit_alert_admissions_pk PRIMARY KEY (source, minute_start)
);

-- Silences and maintenance windows, active, pending or ended: alerts received while one covers
-- them are suppressed.
--
--   id          a UUID, or any id of 1 to 64 characters.
--   kind        'silence' (label matchers) or 'maintenance' (one service).
--   matchers    a silence's label matchers, a JSON array of objects {"name", "operator", "value"}
--               in that order, operator one of '=', '!=', '=~', '!~'; '[]' for a maintenance window.
--   service     a maintenance window's service; NULL for a silence.
--   starts_at   the first instant it suppresses.
--   ends_at     the first instant it no longer does.
--   created_by  who made it (an actor name).
--   comment     why; possibly ''.
CREATE TABLE IF NOT EXISTS incidentkit_silences (
    id          text NOT NULL,
    kind        text NOT NULL,
    matchers    text NOT NULL,
    service     text,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    created_by  text NOT NULL,
    comment     text NOT NULL,
    CONSTRAINT incidentkit_silences_pk PRIMARY KEY (id)
);
