CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"row_count" integer NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"totals" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"institution_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"case_number" text NOT NULL,
	"request_hash" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referrals_case_number_unique" UNIQUE("case_number")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "origin" text DEFAULT 'workflow' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_institution_reference_idx" ON "referrals" USING btree ("institution_id","reference");--> statement-breakpoint
CREATE INDEX "referrals_institution_created_idx" ON "referrals" USING btree ("institution_id","created_at");