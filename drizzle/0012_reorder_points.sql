ALTER TABLE "products" ADD COLUMN "reorder_point" integer;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "reorder_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "products_org_reorder_point_idx" ON "products" USING btree ("org_id","reorder_point");