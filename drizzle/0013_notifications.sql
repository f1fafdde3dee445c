CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"delivery_id" text NOT NULL,
	"connection_id" uuid,
	"topic" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_deliveries_source_id_uq" UNIQUE("source","delivery_id")
);
--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "notification_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "notification_miss_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketplace_connections" ADD COLUMN "notification_subscription_id" text;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_connection_id_marketplace_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."marketplace_connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_deliveries_received_idx" ON "notification_deliveries" USING btree ("received_at");