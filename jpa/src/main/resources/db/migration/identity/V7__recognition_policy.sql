-- Identity store, version 7 (issue 5, recognition policy):
--  * attempt_counter: failed recognition attempts per operation and scope (subject, client, device, address;
--    A-5.7.5.1 e, D-8.2.5 d). counter_key is a SHA-256 over operation, scope and value: no UID, client id, device id
--    or address in clear. Updated under a row lock (SELECT ... FOR UPDATE); version guards the rest.
--  * known_device: devices a subject verified successfully from, as SHA-256(uid, device) (risk signal, D-8.1.4 c/d).
--  * blocklist_entry: the sysadmin's blocklist of CIDR ranges, device ids and daily time windows (D-6.6 e).
-- Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

CREATE TABLE attempt_counter (
    counter_key     VARCHAR(64)  NOT NULL,
    operation       VARCHAR(16)  NOT NULL,
    scope           VARCHAR(16)  NOT NULL,
    failures        INTEGER      NOT NULL,
    window_start    TIMESTAMP WITH TIME ZONE,
    last_failure_at TIMESTAMP WITH TIME ZONE,
    delay_until     TIMESTAMP WITH TIME ZONE,
    blocked_until   TIMESTAMP WITH TIME ZONE,
    version         BIGINT       NOT NULL,
    CONSTRAINT pk_attempt_counter PRIMARY KEY (counter_key),
    CONSTRAINT ck_attempt_counter_failures CHECK (failures >= 0)
);

CREATE TABLE known_device (
    device_key      VARCHAR(64)  NOT NULL,
    first_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_known_device PRIMARY KEY (device_key)
);

CREATE TABLE blocklist_entry (
    id              VARCHAR(36)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    pattern         VARCHAR(128) NOT NULL,
    zone            VARCHAR(64),
    channel         VARCHAR(32),
    reason          VARCHAR(256) NOT NULL,
    created_by      VARCHAR(128) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_blocklist_entry PRIMARY KEY (id),
    CONSTRAINT ck_blocklist_entry_kind CHECK (kind IN ('ADDRESS', 'DEVICE', 'TIME_WINDOW'))
);
