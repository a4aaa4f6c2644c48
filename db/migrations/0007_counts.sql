-- Badge counts without scanning: one counter row per (queue, state type) of non-archived tickets,
-- touched only when a ticket enters or leaves that key.
CREATE OR REPLACE FUNCTION queue_ticket_counts_enter(q bigint, st state_type) RETURNS void LANGUAGE sql AS $$
  INSERT INTO queue_ticket_counts (queue_id, state_type, count) VALUES (q, st, 1)
  ON CONFLICT (queue_id, state_type) DO UPDATE SET count = queue_ticket_counts.count + 1;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_ticket_counts_leave(q bigint, st state_type) RETURNS void LANGUAGE sql AS $$
  UPDATE queue_ticket_counts SET count = count - 1 WHERE queue_id = q AND state_type = st;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_ticket_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT NEW.archived THEN PERFORM queue_ticket_counts_enter(NEW.queue_id, NEW.state_type); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT OLD.archived THEN PERFORM queue_ticket_counts_leave(OLD.queue_id, OLD.state_type); END IF;
  ELSE
    IF NOT OLD.archived THEN PERFORM queue_ticket_counts_leave(OLD.queue_id, OLD.state_type); END IF;
    IF NOT NEW.archived THEN PERFORM queue_ticket_counts_enter(NEW.queue_id, NEW.state_type); END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS tickets_counts_insert ON tickets;
--> statement-breakpoint
DROP TRIGGER IF EXISTS tickets_counts_update ON tickets;
--> statement-breakpoint
DROP TRIGGER IF EXISTS tickets_counts_delete ON tickets;
--> statement-breakpoint
CREATE TRIGGER tickets_counts_insert AFTER INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION queue_ticket_counts_track();
--> statement-breakpoint
-- The WHEN clause keeps ordinary updates (title, owner, version …) from touching the counters at all.
CREATE TRIGGER tickets_counts_update AFTER UPDATE OF queue_id, state_type, archived ON tickets FOR EACH ROW
  WHEN (OLD.queue_id IS DISTINCT FROM NEW.queue_id OR OLD.state_type IS DISTINCT FROM NEW.state_type OR OLD.archived IS DISTINCT FROM NEW.archived)
  EXECUTE FUNCTION queue_ticket_counts_track();
--> statement-breakpoint
CREATE TRIGGER tickets_counts_delete AFTER DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION queue_ticket_counts_track();
--> statement-breakpoint
-- Creating the triggers locked out writers, so the backfill sees a settled table.
DELETE FROM queue_ticket_counts;
--> statement-breakpoint
INSERT INTO queue_ticket_counts (queue_id, state_type, count)
  SELECT queue_id, state_type, count(*)::int FROM tickets WHERE NOT archived GROUP BY queue_id, state_type;
