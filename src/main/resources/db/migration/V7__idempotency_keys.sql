-- The Idempotency-Key of the starting POSTs under /api (io.recontact.web.IdempotentStarts; docs/api.md). The row is
-- inserted first in the transaction that starts the instance and completed with the answer before it commits, so a
-- committed row always names a committed start, and a crash loses both or neither. The primary key makes a repeat
-- that arrives while the first is still running wait for that transaction, then read its answer instead of starting
-- again. Nothing of the request is kept but its SHA-256 fingerprint (no respondent IDs, no personal data).
CREATE TABLE idempotency_key (
    endpoint             VARCHAR(200)    NOT NULL,
    idempotency_key      VARCHAR(255)    NOT NULL,
    caller               VARCHAR(255),
    fingerprint          VARCHAR(64)     NOT NULL,
    status               INT,
    answer               VARCHAR(100000),
    process_instance_id  VARCHAR(64),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotency_key PRIMARY KEY (endpoint, idempotency_key)
);
-- Keys expire after recontact.api.idempotency.retention; expired rows are deleted by created_at.
CREATE INDEX ix_idempotency_key_created ON idempotency_key (created_at);
