-- Idempotent (IF NOT EXISTS): the shared bench desk applies it directly (bench/workspace.ts).
-- The dashboard's sections read their rows and capped counts from these, per queue, without visiting the heap.
-- Escalated and escalating soon: per queue, ordered by escalation time (index-only counts).
CREATE INDEX IF NOT EXISTS "tickets_escalation_queue_idx" ON "tickets" USING btree ("queue_id","escalation_at","id") WHERE archived = false and escalation_at is not null;
--> statement-breakpoint
-- Reminders due: per queue (my queues) and per owner (mine elsewhere), ordered by reminder time.
CREATE INDEX IF NOT EXISTS "tickets_reminder_queue_idx" ON "tickets" USING btree ("queue_id","pending_until","id") WHERE state_type = 'pending_reminder';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tickets_reminder_owner_idx" ON "tickets" USING btree ("owner_id","pending_until","id") WHERE state_type = 'pending_reminder';
--> statement-breakpoint
-- My locked tickets: a handful per agent, against the thousands the owner index holds.
CREATE INDEX IF NOT EXISTS "tickets_locked_owner_idx" ON "tickets" USING btree ("owner_id","changed_at","id") WHERE locked and archived = false;
