-- Sentiment corrections (README "Sentiment", "Corrections"): one row per workspace and post, the latest verdict
-- replacing an earlier one. `data` is the correction as the core defines it; the columns are what is queried.
CREATE TABLE corrections (
  scope_platform text NOT NULL,
  scope_workspace text NOT NULL,
  post_id text NOT NULL,
  seq bigserial NOT NULL,
  plan_id text NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (scope_platform, scope_workspace, post_id)
);
CREATE INDEX corrections_plan ON corrections (plan_id);
