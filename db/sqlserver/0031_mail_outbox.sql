-- E-mail goes out through an outbox: a message is written in the transaction of the change that causes it (an invitation,
-- a password reset), rendered whole (MIME) so that a retry sends the very same message with the same Message-ID, and sent by
-- the mail dispatcher, which keeps every attempt. Once sent, the message's body is dropped (it may hold a single-use link);
-- the row keeps who it went to and when, until the retention purge.
CREATE TABLE dbo.platform_mail_messages (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_mail_messages PRIMARY KEY,
    workspace_id NVARCHAR(40) NULL,
    kind NVARCHAR(40) NOT NULL,
    to_address NVARCHAR(320) NOT NULL,
    status NVARCHAR(20) NOT NULL,
    attempts INT NOT NULL,
    next_attempt_at DATETIME2(7) NULL,
    claim NVARCHAR(40) NULL,
    claimed_until DATETIME2(7) NULL,
    created_at DATETIME2(7) NOT NULL,
    sent_at DATETIME2(7) NULL,
    mime NVARCHAR(MAX) NULL
);

CREATE INDEX ix_platform_mail_messages_due ON dbo.platform_mail_messages (status, next_attempt_at);
CREATE INDEX ix_platform_mail_messages_created ON dbo.platform_mail_messages (created_at);

CREATE TABLE dbo.platform_mail_attempts (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_mail_attempts PRIMARY KEY,
    message_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_mail_attempts_message REFERENCES dbo.platform_mail_messages (id),
    attempted_at DATETIME2(7) NOT NULL,
    duration_ms INT NOT NULL,
    outcome NVARCHAR(20) NOT NULL,
    error NVARCHAR(500) NULL
);

CREATE INDEX ix_platform_mail_attempts_message ON dbo.platform_mail_attempts (message_id, attempted_at);
