-- The per-queue counters (0007) are bumped at commit instead of at the ticket's INSERT: an
-- immediate trigger locked the (queue, state type) counter row from the INSERT to the end of the
-- transaction, so every new ticket in a queue waited for the whole of the previous one's
-- transaction (article, history, deadlines, the duplicate check, jobs): mail intake ran one ticket
-- at a time per queue. Deferred, the row is locked only while the transaction commits. The
-- counts are the same: the trigger gets each event's own OLD/NEW rows, in the order they happened.
-- Idempotent (the shared bench desk applies it directly).
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
  FOR EACH ROW
  WHEN (OLD.queue_id IS DISTINCT FROM NEW.queue_id OR OLD.state_type IS DISTINCT FROM NEW.state_type OR OLD.archived IS DISTINCT FROM NEW.archived)
  EXECUTE FUNCTION queue_ticket_counts_track();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER tickets_counts_delete AFTER DELETE ON tickets DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION queue_ticket_counts_track();
--> statement-breakpoint
-- The duplicate check's view of a ticket, computed once (see db/schema/search.ts).
CREATE TABLE IF NOT EXISTS "ticket_similarity_keys" (
  "ticket_id" bigint PRIMARY KEY NOT NULL REFERENCES "tickets"("id") ON DELETE CASCADE,
  "title" text NOT NULL,
  "article_id" bigint NOT NULL,
  "title_folded" text NOT NULL,
  "body_folded" text NOT NULL,
  "words" text[] NOT NULL
);
--> statement-breakpoint
-- The Resend fetch looks every e-mail id up in both tables before fetching it.
CREATE INDEX IF NOT EXISTS "inbound_messages_source_ref_idx" ON "inbound_messages" USING btree ("source_ref") WHERE source_ref is not null;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "quarantine_source_ref_idx" ON "quarantine" USING btree ("source_ref") WHERE source_ref is not null;
