CREATE TABLE "demo_rows" (
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	CONSTRAINT "demo_rows_entity_type_entity_id_pk" PRIMARY KEY("entity_type","entity_id")
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "withdrawn_by" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "withdrawal_reason" text;