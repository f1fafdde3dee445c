ALTER TABLE "marketplace_connections" ADD COLUMN "quantity_rule" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "quantity_rule_value" integer;--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "quantity_rule" text;--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "quantity_rule_value" integer;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD CONSTRAINT "connections_quantity_rule_ck" CHECK (case when "marketplace_connections"."quantity_rule" in ('buffer', 'max', 'fixed') then coalesce("marketplace_connections"."quantity_rule_value" between 0 and 1000000, false)
      when "marketplace_connections"."quantity_rule" = 'percent' then coalesce("marketplace_connections"."quantity_rule_value" between 0 and 100, false)
      else "marketplace_connections"."quantity_rule_value" is null end);--> statement-breakpoint
ALTER TABLE "channel_items" ADD CONSTRAINT "channel_items_quantity_rule_ck" CHECK (case when "channel_items"."quantity_rule" in ('buffer', 'max', 'fixed') then coalesce("channel_items"."quantity_rule_value" between 0 and 1000000, false)
      when "channel_items"."quantity_rule" = 'percent' then coalesce("channel_items"."quantity_rule_value" between 0 and 100, false)
      else "channel_items"."quantity_rule_value" is null end);