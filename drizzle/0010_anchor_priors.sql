ALTER TABLE "channel_items" ADD COLUMN "prior_quantity" integer;--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "prior_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "prior_to" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channel_observations" ADD COLUMN "prior_quantity" integer;--> statement-breakpoint
ALTER TABLE "channel_observations" ADD COLUMN "prior_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channel_observations" ADD COLUMN "prior_to" timestamp with time zone;