ALTER TABLE "marketplace_connections" ADD COLUMN "next_listings_poll_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "idle_listing_polls" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "cancellations_checked_at" timestamp with time zone;