ALTER TABLE "booking_cancellations" ALTER COLUMN "cancelled_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_cancellations" ADD COLUMN "cancelled_by_kind" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_cancellations" ADD COLUMN "moved_to_slot_id" uuid;--> statement-breakpoint
ALTER TABLE "slot_bookings" ADD COLUMN "held_session_seq" integer;--> statement-breakpoint
ALTER TABLE "booking_cancellations" ADD CONSTRAINT "booking_cancellations_moved_to_slot_id_session_slots_id_fk" FOREIGN KEY ("moved_to_slot_id") REFERENCES "public"."session_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_cancellations" ADD CONSTRAINT "booking_cancellations_who" CHECK (("booking_cancellations"."cancelled_by_kind" = 'staff' and "booking_cancellations"."cancelled_by" is not null) or "booking_cancellations"."cancelled_by_kind" = 'party');