CREATE TABLE "centre_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"enabled" boolean NOT NULL,
	"rule" text NOT NULL,
	"rule_zh" text NOT NULL,
	"source" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "centre_policies_key_check" CHECK ("centre_policies"."key" in ('conference.before_settlement'))
);
--> statement-breakpoint
CREATE TABLE "engagement_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"matter" text NOT NULL,
	"risk_level" text NOT NULL,
	"description" text NOT NULL,
	"recommendation" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_findings_risk_check" CHECK ("engagement_findings"."risk_level" in ('low', 'medium', 'high')),
	CONSTRAINT "engagement_findings_status_check" CHECK ("engagement_findings"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "enterprise_engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"campaign" text,
	"note" text,
	"stage" text DEFAULT 'requested' NOT NULL,
	"visited_on" date,
	"team" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"matters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"report_object_key" text,
	"report_sha256" text,
	"reported_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_engagements_origin_check" CHECK ("enterprise_engagements"."origin" in ('request', 'campaign')),
	CONSTRAINT "enterprise_engagements_stage_check" CHECK ("enterprise_engagements"."stage" in ('requested', 'visited', 'reported', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "enterprise_errands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"matter" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"outcome" text,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_errands_status_check" CHECK ("enterprise_errands"."status" in ('open', 'done'))
);
--> statement-breakpoint
CREATE TABLE "enterprise_law_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"enterprise_id" uuid,
	"held_on" date NOT NULL,
	"audience" text NOT NULL,
	"topic" text NOT NULL,
	"attendance" integer NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_law_sessions_attendance_check" CHECK ("enterprise_law_sessions"."attendance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "manual_handouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"enterprise_id" uuid,
	"handed_out_on" date NOT NULL,
	"title" text NOT NULL,
	"copies" integer NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manual_handouts_copies_check" CHECK ("manual_handouts"."copies" > 0)
);
--> statement-breakpoint
ALTER TABLE "centre_policies" ADD CONSTRAINT "centre_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_findings" ADD CONSTRAINT "engagement_findings_engagement_id_enterprise_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."enterprise_engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_findings" ADD CONSTRAINT "engagement_findings_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_engagements" ADD CONSTRAINT "enterprise_engagements_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_engagements" ADD CONSTRAINT "enterprise_engagements_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_engagements" ADD CONSTRAINT "enterprise_engagements_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_errands" ADD CONSTRAINT "enterprise_errands_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_errands" ADD CONSTRAINT "enterprise_errands_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_errands" ADD CONSTRAINT "enterprise_errands_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_law_sessions" ADD CONSTRAINT "enterprise_law_sessions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_law_sessions" ADD CONSTRAINT "enterprise_law_sessions_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_law_sessions" ADD CONSTRAINT "enterprise_law_sessions_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_handouts" ADD CONSTRAINT "manual_handouts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_handouts" ADD CONSTRAINT "manual_handouts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_handouts" ADD CONSTRAINT "manual_handouts_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "centre_policies_key_idx" ON "centre_policies" USING btree ("key","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_findings_number_idx" ON "engagement_findings" USING btree ("engagement_id","n");--> statement-breakpoint
CREATE INDEX "enterprise_engagements_enterprise_idx" ON "enterprise_engagements" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "enterprise_engagements_created_idx" ON "enterprise_engagements" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "enterprise_errands_due_idx" ON "enterprise_errands" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "enterprise_law_sessions_held_idx" ON "enterprise_law_sessions" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "manual_handouts_handed_idx" ON "manual_handouts" USING btree ("handed_out_on");--> statement-breakpoint
INSERT INTO "centre_policies" ("id", "key", "effective_from", "enabled", "rule", "rule_zh", "source") VALUES ('conference.before_settlement@2020-01-01', 'conference.before_settlement', '2020-01-01', true, 'A complex case is studied at a case conference (研) before a settlement is recorded, unless a supervisor waives it.', '复杂纠纷须召开案件研判会（“研”）后方可登记调解成功；经中心负责人批准可免于研判。', 'centre policy (not law)') ON CONFLICT ("id") DO NOTHING;
