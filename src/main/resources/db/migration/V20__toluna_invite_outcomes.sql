-- What became of each Toluna invite (Toluna's member status, pre-start and reconciliation notifications). One row
-- per (panel, survey, member): the unique key, not a check, makes a redelivered or concurrent completion a no-op.
-- outcome: COMPLETE, TERMINATED (reason), PRESTART_REJECTED (rejection_id, rejection_name). A COMPLETE that a
-- reconciliation reversed keeps its outcome and gets reversed_at. EXPIRED is not stored: an invite without a row
-- here is EXPIRED once its survey closed or recontact.toluna.invite.expiry passed (read side), INVITED before.
CREATE TABLE toluna_invite_outcome (
    invite_id          VARCHAR(36)   NOT NULL,
    panel_guid         VARCHAR(36)   NOT NULL,
    quota_id           BIGINT        NOT NULL,
    survey_id          BIGINT        NOT NULL,
    member_code        VARCHAR(256)  NOT NULL,
    outcome            VARCHAR(24)   NOT NULL,
    reason             VARCHAR(64),
    rejection_id       INT,
    rejection_name     VARCHAR(200),
    revenue            BIGINT,
    event_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    reconciliation_id  VARCHAR(64),
    reversed_revenue   BIGINT,
    reversed_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_toluna_invite_outcome PRIMARY KEY (invite_id),
    CONSTRAINT uq_toluna_invite_outcome_member UNIQUE (panel_guid, survey_id, member_code)
);
CREATE INDEX ix_toluna_invite_outcome_quota ON toluna_invite_outcome (panel_guid, quota_id, outcome);

-- The fallback link of a notification without our invite id: (survey, member code).
CREATE INDEX ix_toluna_invite_survey_member ON toluna_invite (survey_id, member_code);

-- The new notification kinds and outcomes are longer than 16 characters.
ALTER TABLE toluna_notification ALTER COLUMN kind SET DATA TYPE VARCHAR(32);
ALTER TABLE toluna_notification ALTER COLUMN outcome SET DATA TYPE VARCHAR(32);
