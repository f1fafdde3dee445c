ALTER TABLE "rate_limit_buckets" ADD COLUMN "reported_per_second" double precision;--> statement-breakpoint
ALTER TABLE "rate_limit_buckets" ADD COLUMN "reported_per_day" integer;--> statement-breakpoint
ALTER TABLE "rate_limit_buckets" ADD COLUMN "reported_remaining_today" integer;--> statement-breakpoint
ALTER TABLE "rate_limit_buckets" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channel_listings" ADD COLUMN "renew_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "cancel_seen_at" timestamp with time zone;