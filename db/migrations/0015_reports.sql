ALTER TABLE "tickets" ADD COLUMN IF NOT EXISTS "first_response_minutes" double precision;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN IF NOT EXISTS "solution_minutes" double precision;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN IF NOT EXISTS "first_response_breached" boolean;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN IF NOT EXISTS "solution_breached" boolean;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tickets_closed_at_idx" ON "tickets" USING btree ("closed_at") WHERE closed_at is not null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tickets_first_response_at_idx" ON "tickets" USING btree ("first_response_at") WHERE first_response_at is not null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ticket_history_reopened_idx" ON "ticket_history" USING btree ("created_at") WHERE event = 'reopened';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "time_accounting_created_idx" ON "time_accounting" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "articles_created_idx" ON "articles" USING btree ("created_at","sender_type","ticket_id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "report_definitions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_definitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" bigint NOT NULL,
	"name" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_definitions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "report_definitions_owner_idx" ON "report_definitions" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "report_definitions_shared_idx" ON "report_definitions" USING btree ("shared") WHERE shared;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "report_schedules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_schedules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"owner_id" bigint NOT NULL,
	"frequency" text NOT NULL,
	"format" text NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"next_run_at" timestamp (3) with time zone NOT NULL,
	"last_run_at" timestamp (3) with time zone,
	"valid" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_schedules_report_id_report_definitions_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report_definitions"("id") ON DELETE cascade ON UPDATE no action,
	CONSTRAINT "report_schedules_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "report_schedules_due_idx" ON "report_schedules" USING btree ("next_run_at") WHERE valid;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "report_schedules_report_idx" ON "report_schedules" USING btree ("report_id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "report_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"schedule_id" bigint,
	"requested_by" bigint,
	"format" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"file_sha256" text,
	"filename" text,
	"size" bigint,
	"error" text,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_runs_report_id_report_definitions_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report_definitions"("id") ON DELETE cascade ON UPDATE no action,
	CONSTRAINT "report_runs_schedule_id_report_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."report_schedules"("id") ON DELETE cascade ON UPDATE no action,
	CONSTRAINT "report_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "report_runs_report_idx" ON "report_runs" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "report_runs_schedule_idx" ON "report_runs" USING btree ("schedule_id","id");
