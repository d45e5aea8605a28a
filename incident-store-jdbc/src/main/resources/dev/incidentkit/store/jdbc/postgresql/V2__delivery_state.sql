-- IncidentKit schema version 2 for PostgreSQL 13+: the notification dispatcher's delivery state
-- (DeliveryStore). Applied in one transaction, under the migration advisory lock.
-- Instants are kept to the microsecond (timestamptz), as everywhere else in the schema.

-- One lease per notifier: which process makes its deliveries, and until when. Taken by one
-- INSERT ... ON CONFLICT (notifier) DO UPDATE ... WHERE, atomic across processes.
CREATE TABLE IF NOT EXISTS incidentkit_leases (
    notifier    text NOT NULL,
    owner       text NOT NULL,
    expires_at  timestamptz NOT NULL,
    CONSTRAINT incidentkit_leases_pk PRIMARY KEY (notifier)
);

-- Notifications that were not delivered. seq keeps the order in which each was first added: the
-- upsert that replaces a stored dead letter leaves it alone.
CREATE TABLE IF NOT EXISTS incidentkit_dead_letters (
    notifier     text NOT NULL,
    event_id     uuid NOT NULL,
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    incident_id  text NOT NULL,
    version      bigint NOT NULL,
    type         text NOT NULL,
    attempts     integer NOT NULL,
    last_error   text NOT NULL,
    failed_at    timestamptz NOT NULL,
    CONSTRAINT incidentkit_dead_letters_pk PRIMARY KEY (notifier, event_id)
);

CREATE INDEX IF NOT EXISTS incidentkit_dead_letters_order_ix ON incidentkit_dead_letters (notifier, seq);
