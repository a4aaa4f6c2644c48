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
--> statement-breakpoint
-- The counter rows are written at commit (deferred), not at the ticket's update: held only for the
-- commit itself, they no longer make every other state change in the queue wait for the rest of
-- this transaction (history, jobs, notifications). Nothing reads the counters inside the writing
-- transaction; after commit they are what they were.
DROP TRIGGER IF EXISTS tickets_counts_insert ON tickets;
--> statement-breakpoint
DROP TRIGGER IF EXISTS tickets_counts_update ON tickets;
--> statement-breakpoint
DROP TRIGGER IF EXISTS tickets_counts_delete ON tickets;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER tickets_counts_insert AFTER INSERT ON tickets DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION queue_ticket_counts_track();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER tickets_counts_update AFTER UPDATE OF queue_id, state_type, archived ON tickets DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.queue_id IS DISTINCT FROM NEW.queue_id OR OLD.state_type IS DISTINCT FROM NEW.state_type OR OLD.archived IS DISTINCT FROM NEW.archived)
  EXECUTE FUNCTION queue_ticket_counts_track();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER tickets_counts_delete AFTER DELETE ON tickets DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION queue_ticket_counts_track();
