-- A Toluna invite's contact names its respondent through the invite (toluna_invite.member_code) while the invite
-- holds the member code, so its respondent_hash is null: the hash is random, and its index entry was a write at a
-- random place for every invite (on H2 each commit then stores about one index page per invite: issue 20, about 4 s
-- of a 100,000-code quota). The hash is filled in when the invite loses its member code (retention), so the history
-- keeps the contact; rows written before this version keep theirs. ContactHistory reads both.
ALTER TABLE respondent_contact ALTER COLUMN respondent_hash DROP NOT NULL;
