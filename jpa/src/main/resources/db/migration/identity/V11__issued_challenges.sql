-- Identity store, version 11: open liveness challenges for the shared challenge store
-- (facetrust.liveness.challenge.store=database), so that any node of a cluster redeems a challenge another node
-- issued, exactly once (A-4 b, A-5.5.1). Only the nonce's SHA-256 is kept; a row is deleted when the challenge is
-- redeemed, and expired rows are purged when new challenges are issued. No face data.
-- Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

CREATE TABLE issued_challenge (
    nonce_hash         VARCHAR(64)              NOT NULL,
    kind               VARCHAR(32)              NOT NULL,
    actions            VARCHAR(200),
    colours            VARCHAR(1000),
    colour_step_millis BIGINT,
    issued_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_issued_challenge PRIMARY KEY (nonce_hash)
);

CREATE INDEX ix_issued_challenge_expires_at ON issued_challenge (expires_at);
