CREATE TABLE "stored_objects" (
	"key" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_number" text NOT NULL,
	"purpose" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"object_key" text NOT NULL,
	"uploaded_by_kind" text NOT NULL,
	"uploaded_by_id" text NOT NULL,
	"shared_with_referrer" boolean DEFAULT false NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_number" text NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"object_key" text NOT NULL,
	"generated_by_kind" text NOT NULL,
	"generated_by_id" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_scan_id" uuid,
	"signed_scan_recorded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_signed_scan_id_case_attachments_id_fk" FOREIGN KEY ("signed_scan_id") REFERENCES "public"."case_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_attachments_case_sha256_idx" ON "case_attachments" USING btree ("case_number","sha256");--> statement-breakpoint
CREATE INDEX "case_attachments_case_uploaded_idx" ON "case_attachments" USING btree ("case_number","uploaded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_case_kind_version_idx" ON "case_documents" USING btree ("case_number","kind","version");--> statement-breakpoint
CREATE INDEX "case_documents_case_generated_idx" ON "case_documents" USING btree ("case_number","generated_at");