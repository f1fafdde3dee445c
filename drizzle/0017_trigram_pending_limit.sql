-- Every stock edit changes on_hand and updated_at, which the sort indexes hold: the update is not
-- HOT, and each GIN index queues the row's trigrams in its pending list. A search scans that list
-- whole, and by default it grows to 4 MB before anyone merges it (a 'teal vase' search at 330
-- pending pages took 12.8 ms instead of 6.6). Capped at 256 kB, a search scans at most 32 pages
-- more, and the edit that fills the list merges it (about a thousand trigrams, a few ms).
DO $$
BEGIN
  IF to_regclass('products_title_trgm_idx') IS NOT NULL THEN
    ALTER INDEX products_title_trgm_idx SET (gin_pending_list_limit = 256);
  END IF;
  IF to_regclass('products_sku_trgm_idx') IS NOT NULL THEN
    ALTER INDEX products_sku_trgm_idx SET (gin_pending_list_limit = 256);
  END IF;
END $$;
