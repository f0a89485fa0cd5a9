-- Evidence of the buckets the detector has not stepped over yet: the negative mentions that become the samples (top
-- posts, sources, links) of the incident their bucket opens or updates. Kept here rather than in memory only, so
-- that a restart between a poll and the step of its buckets does not leave an incident with counts but no evidence.
CREATE TABLE pending_samples (
  plan_id text NOT NULL,
  bucket_start bigint NOT NULL,
  sample_id text NOT NULL,
  weight double precision NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (plan_id, bucket_start, sample_id)
);
CREATE INDEX pending_samples_age ON pending_samples (bucket_start);
