CREATE TABLE "supervision_orders" (
	"case_number" text NOT NULL,
	"seq" integer NOT NULL,
	"issued_by" uuid,
	"assignee_id" uuid,
	"note" text NOT NULL,
	"explain_by" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"explanation" text,
	"explained_at" timestamp with time zone,
	CONSTRAINT "supervision_orders_case_number_seq_pk" PRIMARY KEY("case_number","seq")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "referral_kind" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "referral_type" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "claim_amount_fen" bigint;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "court_fee_saved_fen" bigint;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "institution_decision" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "parties_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "settled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_case_number_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD CONSTRAINT "supervision_orders_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_orders_open_idx" ON "supervision_orders" USING btree ("explained_at");--> statement-breakpoint
CREATE INDEX "cases_referral_idx" ON "cases" USING btree ("referring_institution_id","external_reference");