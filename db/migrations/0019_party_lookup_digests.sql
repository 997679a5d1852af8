CREATE TABLE "party_lookup_digests" (
	"case_number" text NOT NULL,
	"ordinal" integer NOT NULL,
	"kind" text NOT NULL,
	"digest" text NOT NULL,
	CONSTRAINT "party_lookup_digests_case_number_ordinal_kind_pk" PRIMARY KEY("case_number","ordinal","kind")
);
--> statement-breakpoint
ALTER TABLE "party_lookup_digests" ADD CONSTRAINT "party_lookup_digests_case_number_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_lookup_digests_digest_idx" ON "party_lookup_digests" USING btree ("digest");