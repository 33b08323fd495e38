-- Settlement of the incentive ledger (tolunaIncentiveSettlement, docs/toluna-incentives.md).
-- kind: CREDIT (an outcome's incentive, V21) or CLAWBACK (a debit that takes back a credit already paid out;
-- reverses_id names that credit). The unique key now includes the kind: one credit and at most one claw-back per
-- (source, panel, survey, member).
-- A settlement run moves PENDING credits older than the hold period to SETTLED (settled_at, settlement_id) and writes
-- one payout row per settled entry in the same transaction.
-- reversal: a reconciliation of a credit that was already SETTLED cannot cancel it; it is recorded here, in the
-- reconciliation's transaction, as OPEN, taken into a run's review (IN_REVIEW, review_id = that run), and decided
-- CLAWED_BACK or WRITTEN_OFF.
ALTER TABLE panel_incentive ADD COLUMN kind VARCHAR(16) DEFAULT 'CREDIT' NOT NULL;
ALTER TABLE panel_incentive ADD COLUMN reverses_id BIGINT;
ALTER TABLE panel_incentive ADD COLUMN settled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE panel_incentive ADD COLUMN settlement_id VARCHAR(64);
ALTER TABLE panel_incentive ADD COLUMN reversal VARCHAR(16);
ALTER TABLE panel_incentive ADD COLUMN reversed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE panel_incentive ADD COLUMN review_id VARCHAR(64);
ALTER TABLE panel_incentive ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE panel_incentive DROP CONSTRAINT uq_panel_incentive_source;
ALTER TABLE panel_incentive ADD CONSTRAINT uq_panel_incentive_source UNIQUE (source, panel_guid, survey_id, member_code, kind);
ALTER TABLE panel_incentive ADD CONSTRAINT ck_panel_incentive_kind CHECK (kind IN ('CREDIT', 'CLAWBACK'));
ALTER TABLE panel_incentive ADD CONSTRAINT ck_panel_incentive_reversal
    CHECK (reversal IS NULL OR reversal IN ('OPEN', 'IN_REVIEW', 'CLAWED_BACK', 'WRITTEN_OFF'));
ALTER TABLE panel_incentive ADD CONSTRAINT uq_panel_incentive_reverses UNIQUE (reverses_id);
CREATE INDEX ix_panel_incentive_due ON panel_incentive (state, credited_at);
CREATE INDEX ix_panel_incentive_reversal ON panel_incentive (reversal, review_id);

-- The payout outbox: one row per SETTLED entry (its id is the key and the Idempotency-Key of the POST to the
-- panel's rewards system), sent until accepted. Claimed like toluna_invite_delivery (attempts + 1, lease).
CREATE TABLE panel_incentive_payout (
    entry_id         BIGINT         NOT NULL,
    settlement_id    VARCHAR(64)    NOT NULL,
    state            VARCHAR(16)    NOT NULL,
    attempts         INT            NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    sent_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_panel_incentive_payout PRIMARY KEY (entry_id),
    CONSTRAINT fk_panel_incentive_payout FOREIGN KEY (entry_id) REFERENCES panel_incentive (id),
    CONSTRAINT ck_panel_incentive_payout_state CHECK (state IN ('PENDING', 'SENT'))
);
CREATE INDEX ix_panel_incentive_payout_due ON panel_incentive_payout (state, next_attempt_at, entry_id);

-- Settlement runs: at most one confirms and pays at a time (the holder row, like toluna_panel_sweep), and what each
-- run did.
CREATE TABLE incentive_settlement (
    id              VARCHAR(64)    NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    cutoff          TIMESTAMP WITH TIME ZONE,
    released_at     TIMESTAMP WITH TIME ZONE,
    settled         INT            DEFAULT 0 NOT NULL,
    settled_cents   BIGINT         DEFAULT 0 NOT NULL,
    to_review       INT            DEFAULT 0 NOT NULL,
    CONSTRAINT pk_incentive_settlement PRIMARY KEY (id)
);
CREATE INDEX ix_incentive_settlement_open ON incentive_settlement (released_at);
