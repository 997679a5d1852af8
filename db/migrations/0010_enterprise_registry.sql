CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"entity_class" text NOT NULL,
	"industry" text NOT NULL,
	"size" text,
	"address" text,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unit_id" uuid NOT NULL,
	"registered_by_id" uuid NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enterprises_credit_code_unique" UNIQUE("credit_code"),
	CONSTRAINT "enterprises_entity_class_check" CHECK ("enterprises"."entity_class" in ('individual_business', 'general_taxpayer', 'small_micro_enterprise', 'large_enterprise', 'private_enterprise')),
	CONSTRAINT "enterprises_industry_check" CHECK ("enterprises"."industry" in ('agriculture', 'mining', 'manufacturing', 'energy_utilities', 'construction', 'wholesale_retail', 'transport_logistics', 'accommodation_catering', 'information_technology', 'finance', 'real_estate', 'business_services', 'tourism_culture', 'other')),
	CONSTRAINT "enterprises_size_check" CHECK ("enterprises"."size" in ('micro', 'small', 'medium', 'large'))
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_registered_by_id_users_id_fk" FOREIGN KEY ("registered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name");--> statement-breakpoint
CREATE INDEX "enterprises_registered_idx" ON "enterprises" USING btree ("registered_at");