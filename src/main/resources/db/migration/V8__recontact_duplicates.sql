-- The respondents a file holds, independent of its bytes: SHA-256 over the entity type and the sorted accepted IDs
-- (RespondentFileStore.idSetSha256). A recontact start looks up running recontacts of the same project with the same
-- set (409 unless allowDuplicate). Files stored before this migration have none and are never reported.
ALTER TABLE respondent_file ADD COLUMN id_set_sha256 VARCHAR(64);
CREATE INDEX ix_respondent_file_id_set ON respondent_file (id_set_sha256);

-- One row per name that transactions serialise on with SELECT ... FOR UPDATE (io.recontact.storage.NamedLocks),
-- e.g. the recontact starts of one project, so two concurrent starts cannot both miss each other.
CREATE TABLE named_lock (
    name  VARCHAR(200) NOT NULL,
    CONSTRAINT pk_named_lock PRIMARY KEY (name)
);
