CREATE TABLE "bundle_components" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"bundle_id" uuid NOT NULL,
	"component_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundle_components_bundle_component_uq" UNIQUE("bundle_id","component_id"),
	CONSTRAINT "bundle_components_quantity_positive" CHECK ("bundle_components"."quantity" > 0),
	CONSTRAINT "bundle_components_not_self" CHECK ("bundle_components"."bundle_id" <> "bundle_components"."component_id")
);
--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "parent_key" text;--> statement-breakpoint
ALTER TABLE "bundle_components" ADD CONSTRAINT "bundle_components_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_components" ADD CONSTRAINT "bundle_components_bundle_id_products_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_components" ADD CONSTRAINT "bundle_components_component_id_products_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bundle_components_component_idx" ON "bundle_components" USING btree ("component_id");--> statement-breakpoint
CREATE INDEX "stock_movements_parent_key_idx" ON "stock_movements" USING btree ("parent_key") WHERE "stock_movements"."parent_key" is not null;