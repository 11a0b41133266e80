CREATE TABLE "monitor_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"monitor_id" uuid NOT NULL,
	"region" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"latency_ms" integer,
	"status_code" integer,
	"error" text,
	"warning" text
);
--> statement-breakpoint
CREATE TABLE "monitor_rollups" (
	"monitor_id" uuid NOT NULL,
	"period" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"checks" integer NOT NULL,
	"failures" integer NOT NULL,
	"latency_p50" integer,
	"latency_p95" integer,
	"latency_p99" integer,
	CONSTRAINT "monitor_rollups_monitor_id_period_starts_at_pk" PRIMARY KEY("monitor_id","period","starts_at")
);
--> statement-breakpoint
CREATE TABLE "monitor_schedules" (
	"monitor_id" uuid NOT NULL,
	"region" text NOT NULL,
	"next_check_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"leased_by" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"first_failure_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"last_ok" boolean,
	"last_latency_ms" integer,
	"last_error" text,
	CONSTRAINT "monitor_schedules_monitor_id_region_pk" PRIMARY KEY("monitor_id","region")
);
--> statement-breakpoint
CREATE TABLE "monitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"page_id" uuid NOT NULL,
	"component_id" uuid,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"target" text DEFAULT '' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"interval_seconds" integer NOT NULL,
	"timeout_ms" integer NOT NULL,
	"retries" integer DEFAULT 2 NOT NULL,
	"region_quorum" integer,
	"down_status" text DEFAULT 'major_outage' NOT NULL,
	"publish_incidents" boolean DEFAULT false NOT NULL,
	"auto_resolve" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"push_token" text,
	"last_push_at" timestamp with time zone,
	"state" text DEFAULT 'pending' NOT NULL,
	"state_since" timestamp with time zone DEFAULT now() NOT NULL,
	"incident_id" uuid,
	"tls_expires_at" timestamp with time zone,
	"tls_warned_for" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitors_push_token_unique" UNIQUE("push_token")
);
--> statement-breakpoint
CREATE TABLE "operator_alert_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"line_user_id" text,
	"chatwork_room_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monitor_results" ADD CONSTRAINT "monitor_results_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_rollups" ADD CONSTRAINT "monitor_rollups_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_schedules" ADD CONSTRAINT "monitor_schedules_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_alert_preferences" ADD CONSTRAINT "operator_alert_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitor_results_monitor_idx" ON "monitor_results" USING btree ("monitor_id","checked_at");--> statement-breakpoint
CREATE INDEX "monitor_results_checked_idx" ON "monitor_results" USING btree ("checked_at");--> statement-breakpoint
CREATE INDEX "monitor_schedules_due_idx" ON "monitor_schedules" USING btree ("region","next_check_at");--> statement-breakpoint
CREATE INDEX "monitors_page_idx" ON "monitors" USING btree ("page_id");