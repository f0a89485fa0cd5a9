-- Signatures of Slack requests already accepted, so that a request replayed within its five-minute validity is
-- refused by every instance sharing this database. Rows expire with the request's validity and are swept by age.
CREATE TABLE request_nonces (
  nonce text PRIMARY KEY,
  expires_at bigint NOT NULL
);
CREATE INDEX request_nonces_expires_at ON request_nonces (expires_at);
