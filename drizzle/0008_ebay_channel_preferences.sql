ALTER TABLE "marketplace_connections" ADD COLUMN "out_of_stock_control" boolean;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "preferences_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "api_usage" jsonb;