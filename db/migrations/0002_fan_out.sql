ALTER TABLE "notification_messages" ADD COLUMN "component_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_messages" ADD COLUMN "fan_out_cursor" uuid;--> statement-breakpoint
ALTER TABLE "notification_messages" ADD COLUMN "fanned_out_at" timestamp with time zone;--> statement-breakpoint
-- Messages written before this migration got their deliveries in the posting transaction.
UPDATE "notification_messages" SET "fanned_out_at" = "created_at";--> statement-breakpoint
CREATE INDEX "notification_messages_fan_out_idx" ON "notification_messages" USING btree ("created_at") WHERE "notification_messages"."fanned_out_at" is null;