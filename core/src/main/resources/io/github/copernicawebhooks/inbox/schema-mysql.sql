-- Copernica Webhooks inbox, MySQL 8.0 or later and MariaDB 10.6 or later (InnoDB). Times are epoch
-- milliseconds (UTC). Written with the default table prefix "copernica_webhooks_";
-- InboxSchema.script("mysql", prefix) gives it with another prefix. Safe to run again: it creates only
-- what is absent (the indexes are part of the tables, since MySQL has no CREATE INDEX IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS copernica_webhooks_inbox (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  received_at BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  event_type VARCHAR(64) NOT NULL,
  profile_id BIGINT,
  subprofile_id BIGINT,
  database_id BIGINT,
  collection_id BIGINT,
  message_id VARCHAR(255),
  method VARCHAR(16) NOT NULL,
  target TEXT NOT NULL,
  headers TEXT NOT NULL,
  remote_address VARCHAR(255),
  body LONGBLOB NOT NULL,
  body_sha256 CHAR(64) NOT NULL,
  nonce VARCHAR(255),
  dedup_key CHAR(64),
  dedup_expires_at BIGINT,
  nonce_key CHAR(64),
  nonce_expires_at BIGINT,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT,
  last_error VARCHAR(1000),
  lease_owner VARCHAR(255),
  lease_expires_at BIGINT,
  finished_at BIGINT,
  CONSTRAINT copernica_webhooks_inbox_dedup UNIQUE (dedup_key),
  CONSTRAINT copernica_webhooks_inbox_nonce UNIQUE (nonce_key),
  INDEX copernica_webhooks_inbox_due (next_attempt_at),
  INDEX copernica_webhooks_inbox_status (status, received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS copernica_webhooks_inbox_attempt (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  inbox_id BIGINT NOT NULL,
  attempt_number INTEGER NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  succeeded BOOLEAN NOT NULL,
  error VARCHAR(1000),
  stack_trace MEDIUMTEXT,
  instance_id VARCHAR(255) NOT NULL,
  INDEX copernica_webhooks_inbox_attempt_inbox (inbox_id),
  CONSTRAINT copernica_webhooks_inbox_attempt_event FOREIGN KEY (inbox_id)
    REFERENCES copernica_webhooks_inbox (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
