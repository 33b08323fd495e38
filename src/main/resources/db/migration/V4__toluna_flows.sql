-- The Toluna recontact flows (tolunaQuotaSweep, tolunaRecontactQuota). Member codes, invites and deliveries live
-- here; process variables hold only references (panel GUID, quota ID) and counts.

-- The inventory as the sweeps last saw it: one row per (panel, quota) ever offered. The quota JSON (layers,
-- subquotas, survey fields) is what sampling reads. Notifications set live/closed; the sweep sets in_inventory.
CREATE TABLE toluna_quota (
    panel_guid        VARCHAR(36)     NOT NULL,
    quota_id          BIGINT          NOT NULL,
    survey_id         BIGINT          NOT NULL,
    wave_id           BIGINT,
    survey_name       VARCHAR(500),
    recontact         BOOLEAN         NOT NULL,
    definition        VARCHAR(1000000) NOT NULL,
    definition_hash   VARCHAR(64)     NOT NULL,
    in_inventory      BOOLEAN         NOT NULL,
    first_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    left_at           TIMESTAMP WITH TIME ZONE,
    live              BOOLEAN         NOT NULL,
    live_changed_at   TIMESTAMP WITH TIME ZONE,
    survey_closed_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_toluna_quota PRIMARY KEY (panel_guid, quota_id)
);
CREATE INDEX ix_toluna_quota_survey ON toluna_quota (survey_id);

-- Exactly one active tolunaRecontactQuota instance per (panel, quota): a sweep may start one only by turning
-- active from false to true (or inserting the row), in the same transaction as the start. The instance's end sets
-- it back. Two sweeps, two nodes or a retried sweep cannot both win.
CREATE TABLE toluna_quota_run (
    panel_guid           VARCHAR(36)  NOT NULL,
    quota_id             BIGINT       NOT NULL,
    active               BOOLEAN      NOT NULL,
    run_number           INT          NOT NULL,
    process_instance_id  VARCHAR(64),
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at             TIMESTAMP WITH TIME ZONE,
    outcome              VARCHAR(32),
    CONSTRAINT pk_toluna_quota_run PRIMARY KEY (panel_guid, quota_id)
);

-- One sweep per panel at a time: the sweep instance that holds a panel's row sweeps it; a later sweep skips the
-- panel while the holder still runs (for example with an incident), so sweeps never pile up.
CREATE TABLE toluna_panel_sweep (
    panel_guid     VARCHAR(36)  NOT NULL,
    holder         VARCHAR(64),
    claimed_at     TIMESTAMP WITH TIME ZONE,
    last_swept_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_toluna_panel_sweep PRIMARY KEY (panel_guid)
);

-- The member codes Toluna named for a quota and what became of each. state: RECEIVED, VALID, EXCEPTION, MATCHED,
-- NOT_MATCHED, OTHER_QUOTA, INVITED, SUBQUOTA_FULL, DELIVERED, DELIVERY_FAILED. reason_code uses the eligibility
-- endpoint's codes (UNKNOWN_MEMBER, INACTIVE, OPTED_OUT, SUSPENDED, MISSING_REQUIRED_PROFILE, NOT_ON_RECONTACT_LIST,
-- NOT_TARGETED). reviewed: a person has seen this exception (proceed).
CREATE TABLE toluna_quota_member (
    panel_guid   VARCHAR(36)   NOT NULL,
    quota_id     BIGINT        NOT NULL,
    member_code  VARCHAR(256)   NOT NULL,
    state        VARCHAR(24)   NOT NULL,
    reason_code  VARCHAR(40),
    reason       VARCHAR(1000),
    reviewed     BOOLEAN       NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_toluna_quota_member PRIMARY KEY (panel_guid, quota_id, member_code)
);
CREATE INDEX ix_toluna_quota_member_state ON toluna_quota_member (panel_guid, quota_id, state, member_code);

-- Where the current paging round stands: after a crash the next page starts after last_code. Cleared when a round
-- has read the whole list, so the next round (refresh) starts from the beginning and keeps only new codes.
CREATE TABLE toluna_fetch_cursor (
    panel_guid  VARCHAR(36)  NOT NULL,
    quota_id    BIGINT       NOT NULL,
    last_code   VARCHAR(256),
    pages       INT          NOT NULL,
    CONSTRAINT pk_toluna_fetch_cursor PRIMARY KEY (panel_guid, quota_id)
);

-- One quota per survey: the first quota whose sampling matches a member claims (survey, member).
CREATE TABLE toluna_survey_member (
    panel_guid   VARCHAR(36)  NOT NULL,
    survey_id    BIGINT       NOT NULL,
    member_code  VARCHAR(256)  NOT NULL,
    quota_id     BIGINT       NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_toluna_survey_member PRIMARY KEY (panel_guid, survey_id, member_code)
);

-- The profile last sent to Toluna's Member Management per member, so a member is synced only after it changed.
CREATE TABLE toluna_member_sync (
    panel_guid    VARCHAR(36)  NOT NULL,
    member_code   VARCHAR(256)  NOT NULL,
    profile_hash  VARCHAR(64)  NOT NULL,
    synced_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_toluna_member_sync PRIMARY KEY (panel_guid, member_code)
);

-- One invite per (panel, quota, member): GenerateInvite returns a new URL on every call, so the first one stored
-- wins and a retried chunk skips members that have a row here.
CREATE TABLE toluna_invite (
    invite_id       VARCHAR(36)    NOT NULL,
    panel_guid      VARCHAR(36)    NOT NULL,
    quota_id        BIGINT         NOT NULL,
    member_code     VARCHAR(256)    NOT NULL,
    survey_id       BIGINT         NOT NULL,
    wave_id         BIGINT,
    url             VARCHAR(2000)  NOT NULL,
    loi             INT,
    ir              INT,
    member_amount   DOUBLE PRECISION,
    partner_amount  DOUBLE PRECISION,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_toluna_invite PRIMARY KEY (invite_id),
    CONSTRAINT uq_toluna_invite_member UNIQUE (panel_guid, quota_id, member_code)
);

-- The outbox: one delivery per invite, written with the invite. state: PENDING, DELIVERED, FAILED.
CREATE TABLE toluna_invite_delivery (
    invite_id        VARCHAR(36)    NOT NULL,
    panel_guid       VARCHAR(36)    NOT NULL,
    quota_id         BIGINT         NOT NULL,
    channel          VARCHAR(16)    NOT NULL,
    state            VARCHAR(16)    NOT NULL,
    attempts         INT            NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    delivered_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_toluna_invite_delivery PRIMARY KEY (invite_id)
);
CREATE INDEX ix_toluna_invite_delivery_due ON toluna_invite_delivery (panel_guid, quota_id, state, next_attempt_at, invite_id);

-- Every notification Toluna pushed, with what it did: APPLIED, STALE, DUPLICATE, UNKNOWN_QUOTA.
CREATE TABLE toluna_notification (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind         VARCHAR(16)  NOT NULL,
    quota_id     BIGINT,
    survey_id    BIGINT,
    is_live      BOOLEAN,
    event_at     TIMESTAMP WITH TIME ZONE,
    outcome      VARCHAR(16)  NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
