DROP INDEX "products_org_on_hand_idx";--> statement-breakpoint
DROP INDEX "products_org_title_idx";--> statement-breakpoint
CREATE INDEX "products_org_updated_idx" ON "products" USING btree ("org_id","updated_at","sku");--> statement-breakpoint
CREATE INDEX "products_org_on_hand_idx" ON "products" USING btree ("org_id","on_hand","sku");--> statement-breakpoint
CREATE INDEX "products_org_title_idx" ON "products" USING btree ("org_id","title","sku");