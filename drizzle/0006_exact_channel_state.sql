CREATE TABLE "channel_observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"channel_item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"read_from" timestamp with time zone NOT NULL,
	"read_to" timestamp with time zone NOT NULL,
	"prev_quantity" integer NOT NULL,
	"prev_from" timestamp with time zone NOT NULL,
	"prev_to" timestamp with time zone NOT NULL,
	"intent_id" uuid,
	"intent_quantity" integer,
	"intent_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "push_intents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"channel_item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "unsure_units" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "anchor_quantity" integer;--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "anchor_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channel_items" ADD COLUMN "anchor_to" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_observations" ADD CONSTRAINT "channel_observations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_observations" ADD CONSTRAINT "channel_observations_connection_id_marketplace_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."marketplace_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_observations" ADD CONSTRAINT "channel_observations_channel_item_id_channel_items_id_fk" FOREIGN KEY ("channel_item_id") REFERENCES "public"."channel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_intents" ADD CONSTRAINT "push_intents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_intents" ADD CONSTRAINT "push_intents_connection_id_marketplace_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."marketplace_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_intents" ADD CONSTRAINT "push_intents_channel_item_id_channel_items_id_fk" FOREIGN KEY ("channel_item_id") REFERENCES "public"."channel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_observations_conn_idx" ON "channel_observations" USING btree ("connection_id","read_to");--> statement-breakpoint
CREATE INDEX "push_intents_item_idx" ON "push_intents" USING btree ("channel_item_id","status");--> statement-breakpoint
CREATE INDEX "push_intents_conn_created_idx" ON "push_intents" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE INDEX "order_lines_channel_item_idx" ON "order_lines" USING btree ("channel_item_id");--> statement-breakpoint
-- Existing items: what we expect them to show now is the best anchor there is.
UPDATE "channel_items" SET "anchor_quantity" = "last_seen_quantity", "anchor_from" = now(), "anchor_to" = now() WHERE "last_seen_quantity" IS NOT NULL;--> statement-breakpoint
UPDATE "order_lines" l SET "cancelled_at" = o."external_updated_at" FROM "orders" o WHERE o."id" = l."order_id" AND l."status" = 'cancelled';
