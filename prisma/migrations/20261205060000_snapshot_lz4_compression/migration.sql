-- Snapshots are compressed with lz4 instead of Postgres's default pglz (decision 0209): a large
-- snapshot (24.5 MB for scenario 6's document, decision 0186) is decompressed on every cold
-- load's first sync and compressed on every compaction, and lz4 does both for a fraction of
-- pglz's CPU for 7 % more bytes on disk. Only values written from now on use it: a document's
-- snapshot moves to lz4 at its next compaction, which writes a new row.
-- A server built without lz4 (the embedded PGlite) or older than Postgres 14 keeps pglz: the
-- statement is run dynamically so either refusal can be caught, and nothing else changes.
DO $$
BEGIN
  EXECUTE 'ALTER TABLE "snapshots" ALTER COLUMN "state" SET COMPRESSION lz4';
EXCEPTION
  WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE 'snapshots.state keeps the default compression: %', SQLERRM;
END
$$;
