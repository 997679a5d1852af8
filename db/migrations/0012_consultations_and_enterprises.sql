CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"topic" text NOT NULL,
	"question" text NOT NULL,
	"facts" text,
	"answer" text NOT NULL,
	"parties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"referral" text,
	"answered_by_id" uuid NOT NULL,
	"idempotency_key" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"case_number" text,
	"converted_at" timestamp with time zone,
	"conversion_claimed_at" timestamp with time zone,
	CONSTRAINT "consultations_case_number_unique" UNIQUE("case_number"),
	CONSTRAINT "consultations_channel_check" CHECK ("consultations"."channel" in ('counter', 'hotline', 'online', 'wechat', 'on_site')),
	CONSTRAINT "consultations_topic_check" CHECK ("consultations"."topic" in ('marriage_family', 'inheritance', 'neighbour', 'property_housing', 'land', 'labour_social_security', 'contract', 'lending', 'consumer', 'traffic_accident', 'medical', 'company_business', 'criminal', 'administrative', 'other')),
	CONSTRAINT "consultations_referral_check" CHECK ("consultations"."referral" in ('mediation', 'legal_aid', 'arbitration', 'litigation', 'notary', 'department', 'petition'))
);
--> statement-breakpoint
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
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_case_number_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_registered_by_id_users_id_fk" FOREIGN KEY ("registered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_unit_recorded_idx" ON "consultations" USING btree ("unit_id","recorded_at");--> statement-breakpoint
CREATE INDEX "consultations_recorded_idx" ON "consultations" USING btree ("recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_idempotency_idx" ON "consultations" USING btree ("answered_by_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name");--> statement-breakpoint
CREATE INDEX "enterprises_registered_idx" ON "enterprises" USING btree ("registered_at");