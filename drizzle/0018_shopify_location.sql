ALTER TABLE "marketplace_connections" ADD COLUMN "location_id" text;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "location_name" text;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "locations" jsonb;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "anchors_reset_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD COLUMN "account" text;