CREATE TABLE "api_idempotency_keys" (
	"api_key_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_idempotency_keys_api_key_id_key_pk" PRIMARY KEY("api_key_id","key")
);
--> statement-breakpoint
ALTER TABLE "maintenances" ALTER COLUMN "auto_complete" SET DEFAULT false;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "detected_at_entered_by" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "backfilled_by" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "backfilled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_incident_post_idx" ON "evidence" USING btree (("content"->>'incidentId')) WHERE "evidence"."kind" = 'incident_post';--> statement-breakpoint
CREATE INDEX "evidence_delivery_sent_idx" ON "evidence" USING btree (("content"->>'messageId')) WHERE "evidence"."kind" = 'delivery_result' and "evidence"."content"->>'outcome' = 'sent';