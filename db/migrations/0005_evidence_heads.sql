CREATE TABLE "evidence_heads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"day" text,
	"incident_id" uuid
);
--> statement-breakpoint
ALTER TABLE "notification_messages" ADD COLUMN "evidence_seq" bigint;--> statement-breakpoint
ALTER TABLE "notification_messages" ADD COLUMN "evidence_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_heads_day_idx" ON "evidence_heads" USING btree ("day");--> statement-breakpoint
CREATE INDEX "evidence_heads_published_idx" ON "evidence_heads" USING btree ("published_at");--> statement-breakpoint
-- A published head is a witness customers may hold: never changed, never taken back.
CREATE FUNCTION "evidence_heads_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence_heads is append-only: a published head never changes or disappears (% refused)', TG_OP;
END
$$;--> statement-breakpoint
CREATE TRIGGER "evidence_heads_append_only" BEFORE UPDATE OR DELETE ON "evidence_heads" FOR EACH ROW EXECUTE FUNCTION "evidence_heads_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "evidence_heads_no_truncate" BEFORE TRUNCATE ON "evidence_heads" FOR EACH STATEMENT EXECUTE FUNCTION "evidence_heads_refuse_change"();
