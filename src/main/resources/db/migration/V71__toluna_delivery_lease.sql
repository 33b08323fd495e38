-- Issue 20: a delivery worker leases its slice of the invite outbox with one row here (the slice's range in due order
-- and its invites) instead of an update of each outbox row. On H2 an UPDATE rewrites the row in every index of its
-- table, whatever columns it sets, so the per-row claim was the largest single cost of a 100,000-invite delivery.
-- The outbox's own claimed_until / claimed_by (V61, V69) are no longer written for invites; rows claimed that way
-- before this version are still honoured until their lease ends.
CREATE TABLE toluna_delivery_lease (
    panel_guid     VARCHAR(36)   NOT NULL,
    quota_id       BIGINT        NOT NULL,
    id             VARCHAR(36)   NOT NULL,
    first_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    first_invite   VARCHAR(36)   NOT NULL,
    last_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_invite    VARCHAR(36)   NOT NULL,
    -- The slice's invite ids, comma-separated (at most 1,000 of 36 characters).
    invite_ids     VARCHAR(40000) NOT NULL,
    claimed_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by     VARCHAR(255),
    CONSTRAINT pk_toluna_delivery_lease PRIMARY KEY (panel_guid, quota_id, id)
);
