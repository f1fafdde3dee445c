ALTER TABLE "channel_items" ADD COLUMN "agreed_quantity" integer;--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "agreed_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "agreed_to" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "placed_by" timestamp with time zone;