-- Hand-written around the generated ADD COLUMN: existing rows take their case's source before NOT NULL.
ALTER TABLE "case_deadlines" ADD COLUMN "source" text;--> statement-breakpoint
UPDATE "case_deadlines" cd SET "source" = c."source" FROM "cases" c WHERE c."case_number" = cd."case_number";--> statement-breakpoint
ALTER TABLE "case_deadlines" ALTER COLUMN "source" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "case_deadlines_source_live_due_key_idx" ON "case_deadlines" USING btree ("source","due_at","case_number","kind","unit_id","assignee_id","started_at") WHERE "case_deadlines"."status" in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "case_deadlines_kind_live_due_key_idx" ON "case_deadlines" USING btree ("kind","due_at","case_number","unit_id","assignee_id","started_at") WHERE "case_deadlines"."status" in ('open', 'overdue');