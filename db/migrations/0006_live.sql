-- Live updates across app instances: every committed ticket or article change is announced on
-- the `helpdesk_live` channel. NOTIFY is transactional, so listeners hear of a change only once
-- it is committed and readable. Payloads carry ids only; clients refetch through procedures that
-- check permissions, so nothing a listener is not allowed to read travels in a notification.
CREATE OR REPLACE FUNCTION helpdesk_live_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('helpdesk_live', json_build_object(
    'kind', CASE WHEN TG_OP = 'INSERT' THEN 'ticket_created' ELSE 'ticket_changed' END,
    'ticketId', NEW.id,
    'queueId', NEW.queue_id,
    'oldQueueId', CASE WHEN TG_OP = 'UPDATE' AND OLD.queue_id IS DISTINCT FROM NEW.queue_id THEN OLD.queue_id END
  )::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tickets_live_notify AFTER INSERT OR UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION helpdesk_live_ticket();
--> statement-breakpoint
-- The ticket's queue rides along so agents' subscriptions filter without a query per event.
CREATE OR REPLACE FUNCTION helpdesk_live_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('helpdesk_live', json_build_object(
    'kind', 'article_added',
    'ticketId', NEW.ticket_id,
    'queueId', (SELECT queue_id FROM tickets WHERE id = NEW.ticket_id),
    'articleId', NEW.id,
    'senderType', NEW.sender_type,
    'internal', NEW.is_internal
  )::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER articles_live_notify AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION helpdesk_live_article();
