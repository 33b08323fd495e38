-- A claim's lease ends at claimed_until (null: not claimed) instead of pushing next_attempt_at past it. The due index
-- leads with next_attempt_at, so each claim moved the row's entry in it, and each send's outcome moved it again: a
-- claim that leaves next_attempt_at alone writes one index entry fewer per send (issue 20). A due round skips rows
-- whose lease has not ended; the rounds' cursor keeps it from reading its own claims again. Rows claimed before this
-- version keep their lease in next_attempt_at and are due when it ends, as before.
ALTER TABLE toluna_invite_delivery ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE panel_incentive_payout ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
