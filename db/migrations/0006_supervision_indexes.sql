DROP INDEX "case_deadlines_live_due_idx";--> statement-breakpoint
DROP INDEX "case_deadlines_unit_live_due_idx";--> statement-breakpoint
CREATE INDEX "case_events_overdue_idx" ON "case_events" USING btree ("case_number") WHERE "case_events"."type" = 'deadline_overdue';--> statement-breakpoint
CREATE INDEX "case_deadlines_live_due_key_idx" ON "case_deadlines" USING btree ("due_at","case_number","kind","unit_id","assignee_id","started_at") WHERE "case_deadlines"."status" in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "case_deadlines_unit_live_due_key_idx" ON "case_deadlines" USING btree ("unit_id","due_at","case_number","kind","assignee_id","started_at") WHERE "case_deadlines"."status" in ('open', 'overdue');--> statement-breakpoint
CREATE INDEX "case_deadlines_assignee_live_due_key_idx" ON "case_deadlines" USING btree ("assignee_id","due_at","case_number","kind","unit_id","started_at") WHERE "case_deadlines"."status" in ('open', 'overdue');