CREATE TABLE "grid_leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"reported_by_id" uuid NOT NULL,
	"idempotency_key" text,
	"place" text NOT NULL,
	"people" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"category" text NOT NULL,
	"risk_level" text NOT NULL,
	"description" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'reported' NOT NULL,
	"triaged_by_id" uuid,
	"triaged_at" timestamp with time zone,
	"escalation_reason" text,
	"case_number" text,
	"conversion_claimed_at" timestamp with time zone,
	CONSTRAINT "grid_leads_case_number_unique" UNIQUE("case_number"),
	CONSTRAINT "grid_leads_category_check" CHECK ("grid_leads"."category" in ('family', 'neighbour', 'property_management', 'traffic_accident', 'medical', 'labour', 'contract', 'lending', 'commercial', 'land', 'consumer', 'administrative', 'other')),
	CONSTRAINT "grid_leads_risk_level_check" CHECK ("grid_leads"."risk_level" in ('low', 'medium', 'high', 'major')),
	CONSTRAINT "grid_leads_status_check" CHECK ("grid_leads"."status" in ('reported', 'watching', 'mediating', 'escalated')),
	CONSTRAINT "grid_leads_case_when_mediating_check" CHECK (("grid_leads"."status" = 'mediating') = ("grid_leads"."case_number" is not null))
);
--> statement-breakpoint
CREATE TABLE "screening_campaign_units" (
	"campaign_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "screening_campaign_units_campaign_id_unit_id_pk" PRIMARY KEY("campaign_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "screening_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"organiser_unit_id" uuid NOT NULL,
	"created_by_id" uuid NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_campaigns_period_check" CHECK ("screening_campaigns"."starts_on" <= "screening_campaigns"."ends_on")
);
--> statement-breakpoint
ALTER TABLE "grid_leads" ADD CONSTRAINT "grid_leads_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_leads" ADD CONSTRAINT "grid_leads_reported_by_id_users_id_fk" FOREIGN KEY ("reported_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_leads" ADD CONSTRAINT "grid_leads_triaged_by_id_users_id_fk" FOREIGN KEY ("triaged_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_leads" ADD CONSTRAINT "grid_leads_case_number_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_campaign_units" ADD CONSTRAINT "screening_campaign_units_campaign_id_screening_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."screening_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_campaign_units" ADD CONSTRAINT "screening_campaign_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_campaigns" ADD CONSTRAINT "screening_campaigns_organiser_unit_id_units_id_fk" FOREIGN KEY ("organiser_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_campaigns" ADD CONSTRAINT "screening_campaigns_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grid_leads_unit_reported_idx" ON "grid_leads" USING btree ("unit_id","reported_at");--> statement-breakpoint
CREATE INDEX "grid_leads_reported_idx" ON "grid_leads" USING btree ("reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_leads_idempotency_idx" ON "grid_leads" USING btree ("reported_by_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_campaigns_idempotency_idx" ON "screening_campaigns" USING btree ("created_by_id","idempotency_key");