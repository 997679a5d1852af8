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
ALTER TABLE "centre_policies" ADD CONSTRAINT "centre_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "centre_policies_key_idx" ON "centre_policies" USING btree ("key","effective_from");--> statement-breakpoint
INSERT INTO "centre_policies" ("id", "key", "effective_from", "enabled", "rule", "rule_zh", "source") VALUES ('conference.before_settlement@2020-01-01', 'conference.before_settlement', '2020-01-01', true, 'A complex case is studied at a case conference (研) before a settlement is recorded, unless a supervisor waives it.', '复杂纠纷须召开案件研判会（“研”）后方可登记调解成功；经中心负责人批准可免于研判。', 'centre policy (not law)') ON CONFLICT ("id") DO NOTHING;
