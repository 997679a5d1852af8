ALTER TABLE "sms_outbox" ADD COLUMN "delivery_id" text;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_outbox_dedupe_idx" ON "sms_outbox" USING btree ("dedupe_key","phone") WHERE "sms_outbox"."dedupe_key" is not null;