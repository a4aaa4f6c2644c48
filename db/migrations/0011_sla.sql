ALTER TABLE "slas" ADD COLUMN "pause_when_pending" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "sla_id" bigint;--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_sla_id_slas_id_fk" FOREIGN KEY ("sla_id") REFERENCES "public"."slas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_companies" ADD COLUMN "sla_id" bigint;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_clock_minutes" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_clock_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_paused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_update_from" double precision;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_timers" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_timer_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "tickets_sla_timer_idx" ON "tickets" USING btree ("sla_timer_at") WHERE sla_timer_at is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_idx" ON "tickets" USING btree ("sla_id") WHERE sla_id is not null and state_type in ('new', 'open', 'pending_reminder', 'pending_auto');
