-- A batch of the initial upload is a contiguous seq range of the stored respondent file, so it refers to that range
-- instead of copying its IDs (copying 100,000 IDs cost seconds). Batches of a resubmission (the IDs Cint did not
-- save, a subset) keep their own rows in cint_upload_batch_id and leave these columns null.
ALTER TABLE cint_upload_batch ADD COLUMN file_id BIGINT;
ALTER TABLE cint_upload_batch ADD COLUMN first_seq INT;
ALTER TABLE cint_upload_batch ADD COLUMN last_seq INT;
ALTER TABLE cint_upload_batch ADD CONSTRAINT fk_cint_upload_batch_file
    FOREIGN KEY (file_id) REFERENCES respondent_file (id);
ALTER TABLE cint_upload_batch ADD CONSTRAINT ck_cint_upload_batch_range CHECK (
    (file_id IS NULL AND first_seq IS NULL AND last_seq IS NULL)
    OR (file_id IS NOT NULL AND first_seq IS NOT NULL AND last_seq IS NOT NULL
        AND first_seq >= 1 AND last_seq - first_seq + 1 = id_count));

-- The accepted IDs of files stored from now on: pages of up to respondent_file.id_page_size consecutive IDs, each
-- followed by '\n' (IDs never hold a line end), instead of one row per ID: writing 100,000 rows (and their index
-- entries and undo log) was most of a 100,000-ID POST. Files stored earlier keep their rows in respondent_file_id
-- and have id_page_size null; both are read through RespondentFileStore.
ALTER TABLE respondent_file ADD COLUMN id_page_size INT;

CREATE TABLE respondent_file_page (
    file_id    BIGINT          NOT NULL REFERENCES respondent_file (id) ON DELETE CASCADE,
    first_seq  INT             NOT NULL,
    id_count   INT             NOT NULL,
    ids        VARCHAR(200000) NOT NULL,
    CONSTRAINT pk_respondent_file_page PRIMARY KEY (file_id, first_seq)
);
