-- Identity store, version 6 (issue 5): the hash-chained operation log and the security events.
--  * audit_entry gains what recognition reports (transaction id, channel, decision) and the capture device named by
--    the calling application (A-8.6 / D-8.2.5b: operator, time, source address, action). Every column is covered by
--    the entry's MAC, so an edit made directly in the database is detected by verification.
--  * audit_chain_head: ONE row holding the last sequence number and MAC. The writer locks it (SELECT ... FOR UPDATE),
--    so appends are serialised across cluster nodes and the chain has no gaps; verification compares it with the
--    last entry to detect a truncated tail. At genesis last_seq = 0 and last_mac is NULL (the writer then chains to
--    32 zero bytes) - a NULL avoids a binary literal, which H2 and PostgreSQL spell differently.
--  * security_event: warnings and alarms (A-5.7.5.3) for operators; acknowledging is the only change ever made.
-- Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

ALTER TABLE audit_entry ADD COLUMN transaction_id VARCHAR(64);
ALTER TABLE audit_entry ADD COLUMN channel VARCHAR(32);
ALTER TABLE audit_entry ADD COLUMN decision VARCHAR(32);
ALTER TABLE audit_entry ADD COLUMN device VARCHAR(64);

CREATE INDEX ix_audit_entry_recorded_at ON audit_entry (recorded_at);
CREATE INDEX ix_audit_entry_target ON audit_entry (target);

CREATE TABLE audit_chain_head (
    id       INTEGER NOT NULL,
    last_seq BIGINT  NOT NULL,
    last_mac BYTEA,
    CONSTRAINT pk_audit_chain_head PRIMARY KEY (id),
    CONSTRAINT ck_audit_chain_head_single CHECK (id = 1),
    CONSTRAINT ck_audit_chain_head_mac CHECK ((last_seq = 0 AND last_mac IS NULL)
        OR (last_seq > 0 AND OCTET_LENGTH(last_mac) = 32))
);

INSERT INTO audit_chain_head (id, last_seq, last_mac) VALUES (1, 0, NULL);

CREATE SEQUENCE security_event_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE security_event (
    id              BIGINT                   NOT NULL,
    raised_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    event_level     VARCHAR(8)               NOT NULL,
    code            VARCHAR(16)              NOT NULL,
    action          VARCHAR(128),
    target          VARCHAR(128),
    principal       VARCHAR(128),
    client_id       VARCHAR(128),
    source_address  VARCHAR(64),
    detail          VARCHAR(256),
    acknowledged_by VARCHAR(128),
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    version         BIGINT                   NOT NULL,
    CONSTRAINT pk_security_event PRIMARY KEY (id),
    CONSTRAINT ck_security_event_level CHECK (event_level IN ('WARNING', 'ALARM')),
    CONSTRAINT ck_security_event_ack CHECK ((acknowledged_by IS NULL AND acknowledged_at IS NULL)
        OR (acknowledged_by IS NOT NULL AND acknowledged_at IS NOT NULL))
);

CREATE INDEX ix_security_event_raised_at ON security_event (raised_at);
