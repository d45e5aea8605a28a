-- IncidentKit schema version 5 for H2 2.x: the alert state (core's AlertStore): alerts, their
-- groups, the storm counters and the silences. Idempotent, as every H2 script: H2 commits each DDL
-- statement by itself. Instants are kept to the microsecond, as everywhere else in the schema.
-- The columns mean what they mean in the PostgreSQL script. The JSON columns are character
-- varying of H2's largest length, but for annotations: 64 annotations of 10,000 characters may
-- pass it, so they are a character large object (which H2 keeps outside the row).
--
-- Public, versioned format. Every decision AlertStore names is one transaction that locks the
-- row it decides on (SELECT ... FOR UPDATE); two connections inserting the same new row race on
-- the primary key, and the loser tries again and finds the winner's row.
--
-- Maps (labels, annotations, links) are JSON objects of strings, keys sorted as
-- String.compareTo sorts them, no whitespace, as RFC 8259 writes them; characters outside ASCII
-- are written as they are, and only '"', '\' and control characters are escaped.

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
    source         CHARACTER VARYING(100) NOT NULL,
    dedup_key      CHARACTER VARYING(1024) NOT NULL,
    alert_id       CHARACTER VARYING(100) NOT NULL,
    status         CHARACTER VARYING(16) NOT NULL,
    summary        CHARACTER VARYING(4096) NOT NULL,
    severity       CHARACTER VARYING(128) NOT NULL,
    labels         CHARACTER VARYING(1048576) NOT NULL,
    annotations    CHARACTER LARGE OBJECT NOT NULL,
    links          CHARACTER VARYING(1048576) NOT NULL,
    starts_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    first_seen     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_seen      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    repeats        BIGINT NOT NULL,
    resolved_at    TIMESTAMP(6) WITH TIME ZONE,
    incident_id    CHARACTER VARYING(1000),
    suppressed_by  CHARACTER VARYING(256),
    claim_until    TIMESTAMP(6) WITH TIME ZONE,
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
    group_key      CHARACTER VARYING(1000) NOT NULL,
    claim_id       CHARACTER VARYING(256) NOT NULL,
    claim_until    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    incident_id    CHARACTER VARYING(1000),
    last_alert_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT incidentkit_alert_groups_pk PRIMARY KEY (group_key)
);

-- The storm limit: how many incidents alerts of a source declared in a minute.
--
--   source        the alerts' source.
--   minute_start  the minute, truncated (seconds and below zero).
--   admitted      how many were admitted in it, never more than the limit at the time.
CREATE TABLE IF NOT EXISTS incidentkit_alert_admissions (
    source        CHARACTER VARYING(100) NOT NULL,
    minute_start  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    admitted      INTEGER NOT NULL,
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
    id          CHARACTER VARYING(256) NOT NULL,
    kind        CHARACTER VARYING(16) NOT NULL,
    matchers    CHARACTER VARYING(1048576) NOT NULL,
    service     CHARACTER VARYING(100),
    starts_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by  CHARACTER VARYING(1000) NOT NULL,
    comment     CHARACTER VARYING(40000) NOT NULL,
    CONSTRAINT incidentkit_silences_pk PRIMARY KEY (id)
);
