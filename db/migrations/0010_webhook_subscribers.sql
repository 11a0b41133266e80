ALTER TABLE "api_keys" ADD COLUMN "role" text DEFAULT 'operator' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "signing_salt" text;