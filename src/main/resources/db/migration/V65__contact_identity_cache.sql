-- respondent_contact takes a row per invite and per uploaded Cint ID, many in one transaction. H2 writes an identity
-- sequence's position to its file each time its cache runs out, and with WRITE_DELAY=0 (application.yaml) each of
-- those writes stores every changed page: with H2's default cache of 32 that was a tenth of the engine's CPU time in
-- the Toluna benchmark (docs/toluna-benchmark.md). A cache of 1,000 writes it once per 1,000 rows. The ids stay
-- unique; a restart leaves a gap (PostgreSQL: each connection takes its own 1,000), which nothing here relies on.
ALTER TABLE respondent_contact ALTER COLUMN id SET CACHE 1000;
