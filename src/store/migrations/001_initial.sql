-- Vigie on PostgreSQL, version 1. Run inside one transaction with search_path set to Vigie's schema.
-- Times are epoch milliseconds (bigint), as in the embedded store; documents the database never queries inside
-- (plans, incidents, detector state, payloads) are kept as `json`, which stores the exact text it was given.
-- `seq` columns keep insertion order, which the embedded store's arrays have and the Store contract relies on.
-- Keys compared by prefix use the "C" collation so that a btree range scan finds them.

CREATE TABLE plans (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  scope_platform text NOT NULL,
  scope_workspace text NOT NULL,
  -- The name as JavaScript lower-cases it: names are unique per workspace, whatever their case.
  name_key text NOT NULL,
  status text NOT NULL,
  data json NOT NULL,
  CONSTRAINT plans_name_per_workspace UNIQUE (scope_platform, scope_workspace, name_key)
);

CREATE TABLE source_states (
  key text COLLATE "C" PRIMARY KEY,
  seq bigserial NOT NULL,
  plan_id text NOT NULL,
  data json NOT NULL
);
CREATE INDEX source_states_plan ON source_states (plan_id);

CREATE TABLE seen (
  source_key text COLLATE "C" NOT NULL,
  item_id text COLLATE "C" NOT NULL,
  seen_at bigint NOT NULL,
  PRIMARY KEY (source_key, item_id)
);
CREATE INDEX seen_age ON seen (seen_at);

CREATE TABLE buckets (
  plan_id text NOT NULL,
  start bigint NOT NULL,
  total double precision NOT NULL,
  negative double precision NOT NULL,
  engagement double precision NOT NULL,
  PRIMARY KEY (plan_id, start)
);
CREATE INDEX buckets_age ON buckets (start);

CREATE TABLE detector_states (
  plan_id text PRIMARY KEY,
  state json NOT NULL
);

CREATE TABLE incidents (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  plan_id text NOT NULL,
  status text NOT NULL,
  opened_at bigint NOT NULL,
  -- resolvedAt, else lastBucketAt: what the retention bound is measured from.
  ends_at bigint NOT NULL,
  data json NOT NULL
);
CREATE INDEX incidents_plan ON incidents (plan_id, opened_at DESC);
CREATE INDEX incidents_open ON incidents (plan_id) WHERE status = 'open';

CREATE TABLE threads (
  incident_id text NOT NULL,
  platform text NOT NULL,
  seq bigserial NOT NULL,
  ref json NOT NULL,
  PRIMARY KEY (incident_id, platform)
);

CREATE TABLE feedback (
  seq bigserial PRIMARY KEY,
  plan_id text NOT NULL,
  data json NOT NULL
);
CREATE INDEX feedback_plan ON feedback (plan_id, seq);

CREATE TABLE outbox (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  incident_id text NOT NULL,
  plan_id text NOT NULL,
  platform text NOT NULL,
  kind text NOT NULL,
  payload json NOT NULL,
  created_at bigint NOT NULL,
  due_at bigint NOT NULL,
  attempts integer NOT NULL,
  last_error text,
  claimed_by text,
  claimed_until bigint,
  delivered_at bigint
);
CREATE INDEX outbox_pending ON outbox (created_at, seq) WHERE delivered_at IS NULL;
CREATE INDEX outbox_pending_incident ON outbox (incident_id, created_at, seq) WHERE delivered_at IS NULL;
CREATE INDEX outbox_delivered ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;

CREATE TABLE installations (
  platform text NOT NULL,
  key text NOT NULL,
  seq bigserial NOT NULL,
  value json NOT NULL,
  PRIMARY KEY (platform, key)
);
