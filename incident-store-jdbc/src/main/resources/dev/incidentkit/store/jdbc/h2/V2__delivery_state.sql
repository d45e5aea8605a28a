-- IncidentKit schema version 2 for H2 2.x: the notification dispatcher's delivery state
-- (DeliveryStore). Idempotent, as every H2 script: H2 commits each DDL statement by itself.
-- Instants are kept to the microsecond, as everywhere else in the schema.

-- One lease per notifier: which process makes its deliveries, and until when. Taken by a
-- SELECT ... FOR UPDATE and an UPDATE in one transaction; two first takers race on the primary key.
CREATE TABLE IF NOT EXISTS incidentkit_leases (
    notifier    CHARACTER VARYING(200) NOT NULL,
    owner       CHARACTER VARYING(200) NOT NULL,
    expires_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT incidentkit_leases_pk PRIMARY KEY (notifier)
);

-- Notifications that were not delivered. seq keeps the order in which each was first added: an
-- update of a stored dead letter leaves it alone.
CREATE TABLE IF NOT EXISTS incidentkit_dead_letters (
    notifier     CHARACTER VARYING(200) NOT NULL,
    event_id     UUID NOT NULL,
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,
    incident_id  CHARACTER VARYING(1000) NOT NULL,
    version      BIGINT NOT NULL,
    type         CHARACTER VARYING(1000) NOT NULL,
    attempts     INTEGER NOT NULL,
    last_error   CHARACTER VARYING(4000) NOT NULL,
    failed_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT incidentkit_dead_letters_pk PRIMARY KEY (notifier, event_id)
);

CREATE INDEX IF NOT EXISTS incidentkit_dead_letters_order_ix ON incidentkit_dead_letters (notifier, seq);
