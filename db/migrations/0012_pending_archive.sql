-- The pending time whose reminder went out: a ticket is due for a reminder while this differs
-- from pending_until, so setting a new pending time reminds again and a sent one never repeats.
ALTER TABLE "tickets" ADD COLUMN "reminded_for" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "tickets_reminders_due_idx" ON "tickets" USING btree ("pending_until") WHERE state_type = 'pending_reminder' and reminded_for is distinct from pending_until;--> statement-breakpoint
-- The nightly archive walks closed, not yet archived tickets by close time; archived rows leave the index.
CREATE INDEX "tickets_archive_due_idx" ON "tickets" USING btree ("closed_at","id") WHERE state_type = 'closed' and archived = false;--> statement-breakpoint
-- Live updates announce what people change. The nightly archive flag (no new version) is not one
-- of them: 100,000 tickets archived at night would otherwise be 100,000 events to every web process.
CREATE OR REPLACE FUNCTION helpdesk_live_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.version = NEW.version AND OLD.archived IS DISTINCT FROM NEW.archived THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('helpdesk_live', json_build_object(
    'kind', CASE WHEN TG_OP = 'INSERT' THEN 'ticket_created' ELSE 'ticket_changed' END,
    'ticketId', NEW.id,
    'queueId', NEW.queue_id,
    'oldQueueId', CASE WHEN TG_OP = 'UPDATE' AND OLD.queue_id IS DISTINCT FROM NEW.queue_id THEN OLD.queue_id END
  )::text);
  RETURN NULL;
END
$$;
