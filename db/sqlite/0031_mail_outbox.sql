-- E-mail goes out through an outbox: a message is written in the transaction of the change that causes it (an invitation,
-- a password reset), rendered whole (MIME) so that a retry sends the very same message with the same Message-ID, and sent by
-- the mail dispatcher, which keeps every attempt. Once sent, the message's body is dropped (it may hold a single-use link);
-- the row keeps who it went to and when, until the retention purge.
CREATE TABLE platform_mail_messages (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NULL,
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NULL,
    claim TEXT NULL,
    claimed_until TEXT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT NULL,
    mime TEXT NULL
);

CREATE INDEX ix_platform_mail_messages_due ON platform_mail_messages (status, next_attempt_at);
CREATE INDEX ix_platform_mail_messages_created ON platform_mail_messages (created_at);

CREATE TABLE platform_mail_attempts (
    id TEXT NOT NULL PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES platform_mail_messages (id),
    attempted_at TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    error TEXT NULL
);

CREATE INDEX ix_platform_mail_attempts_message ON platform_mail_attempts (message_id, attempted_at);
