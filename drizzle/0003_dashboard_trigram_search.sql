-- Inventory search (title or SKU contains the text) on big catalogues: trigram GIN
-- indexes serve ILIKE '%…%'. Embedded PGlite ships without pg_trgm, so there the
-- search stays a sequential scan (small catalogues) and the migration still applies.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX IF NOT EXISTS products_title_trgm_idx ON products USING gin (title gin_trgm_ops);
  CREATE INDEX IF NOT EXISTS products_sku_trgm_idx ON products USING gin (sku gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm unavailable (%): inventory search runs without trigram indexes', SQLERRM;
END $$;
