-- Every invite wrote two member indexes: (member_code) for a suppression's or an erasure's look-up of a member's
-- invites, and (survey_id, member_code) for a notification without our invite id. One index led by the member code
-- answers both (the member's invites are few), so each invite stored writes one index fewer (issue 20: row and index
-- writes are the database's share of a 100,000-code quota, on H2 and PostgreSQL alike).
CREATE INDEX ix_toluna_invite_member_survey ON toluna_invite (member_code, survey_id);
DROP INDEX ix_toluna_invite_member;
DROP INDEX ix_toluna_invite_survey_member;
