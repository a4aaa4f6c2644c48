-- Cheaper requests (issue 16). Idempotent (IF NOT EXISTS, OR REPLACE): the shared bench desk applies it directly (bench/workspace.ts).
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
--> statement-breakpoint
-- A state change leaves one counter row and enters another, each locked until commit. Taken in
-- key order, so two changes in opposite directions in one queue (open -> pending, pending -> open)
-- wait for each other instead of deadlocking.
CREATE OR REPLACE FUNCTION queue_ticket_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT NEW.archived THEN PERFORM queue_ticket_counts_enter(NEW.queue_id, NEW.state_type); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT OLD.archived THEN PERFORM queue_ticket_counts_leave(OLD.queue_id, OLD.state_type); END IF;
  ELSIF OLD.archived OR NEW.archived OR (OLD.queue_id, OLD.state_type) < (NEW.queue_id, NEW.state_type) THEN
    IF NOT OLD.archived THEN PERFORM queue_ticket_counts_leave(OLD.queue_id, OLD.state_type); END IF;
    IF NOT NEW.archived THEN PERFORM queue_ticket_counts_enter(NEW.queue_id, NEW.state_type); END IF;
  ELSE
    PERFORM queue_ticket_counts_enter(NEW.queue_id, NEW.state_type);
    PERFORM queue_ticket_counts_leave(OLD.queue_id, OLD.state_type);
  END IF;
  RETURN NULL;
END;
$$;
