-- Reports on a million tickets (issue 11, "Scale"): covering indexes for the ticket facts and a
-- daily rollup of the additive counts (tickets created, articles by sender, time accounted, reopens), kept by the
-- reports.rollup job. Idempotent (IF NOT EXISTS, OR REPLACE): the shared bench desk applies it directly.
-- The ticket measures read index-only: every dimension and fact a report groups or measures by
-- rides in the index of the moment the measure happens (created, closed, first response).
CREATE INDEX IF NOT EXISTS "tickets_report_created_idx" ON "tickets" USING btree ("created_at","queue_id","owner_id","customer_user_id","customer_company_id","service_id","priority_id","type_id","state_id","closed_at","first_response_at","first_response_minutes","solution_minutes","first_response_breached","solution_breached","reopen_count");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tickets_report_closed_idx" ON "tickets" USING btree ("closed_at","queue_id","owner_id","customer_user_id","customer_company_id","service_id","priority_id","type_id","created_at","solution_minutes","solution_breached") WHERE closed_at is not null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tickets_report_first_response_idx" ON "tickets" USING btree ("first_response_at","queue_id","owner_id","customer_user_id","customer_company_id","service_id","priority_id","type_id","created_at","first_response_minutes","first_response_breached") WHERE first_response_at is not null;--> statement-breakpoint
-- Same leading column as the two above, which serve their queries (drill-downs, archive) as well.
DROP INDEX IF EXISTS "tickets_closed_at_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "tickets_first_response_at_idx";--> statement-breakpoint
-- One row per UTC day × dimension (queue, agent = owner, customer, company, service, priority,
-- type; timeAgent = who accounted the time) × queue × the dimension's value. Keyed by the
-- ticket's values now, like the direct queries: a ticket that moves marks its days dirty.
CREATE TABLE IF NOT EXISTS "report_rollup" (
	"day" date NOT NULL,
	"dimension" text NOT NULL,
	"queue_id" bigint NOT NULL,
	"value_id" bigint,
	"articles_customer" integer DEFAULT 0 NOT NULL,
	"articles_agent" integer DEFAULT 0 NOT NULL,
	"articles_system" integer DEFAULT 0 NOT NULL,
	"time_minutes" bigint DEFAULT 0 NOT NULL,
	"time_entries" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "report_rollup_day_idx" ON "report_rollup" USING btree ("dimension","day");--> statement-breakpoint
-- Days before `through` (UTC) are rolled up; no row: nothing is, reports read the base tables.
CREATE TABLE IF NOT EXISTS "report_rollup_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"through" date NOT NULL,
	"refreshed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- Rolled-up days whose figures changed since (append only: no row lock, no deadlock between
-- writers). Reports read those days from the base tables until the job recomputes them.
CREATE TABLE IF NOT EXISTS "report_rollup_dirty" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_rollup_dirty_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"day" date NOT NULL
);--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rollup_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_dirty (day)
  SELECT DISTINCT (c.created_at AT TIME ZONE 'UTC')::date FROM changed_rows c, report_rollup_state s
  WHERE s.id = 1 AND c.created_at < (s.through::timestamp AT TIME ZONE 'UTC');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rollup_mark_reopens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_dirty (day)
  SELECT DISTINCT (c.created_at AT TIME ZONE 'UTC')::date FROM changed_rows c, report_rollup_state s
  WHERE s.id = 1 AND c.event = 'reopened' AND c.created_at < (s.through::timestamp AT TIME ZONE 'UTC');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rollup_mark_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_dirty (day)
  SELECT DISTINCT (x.at AT TIME ZONE 'UTC')::date FROM (VALUES (OLD.created_at), (NEW.created_at)) x(at), report_rollup_state s
  WHERE s.id = 1 AND x.at < (s.through::timestamp AT TIME ZONE 'UTC');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rollup_mark_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_rollup_dirty (day)
  SELECT DISTINCT (x.at AT TIME ZONE 'UTC')::date
  FROM (
    VALUES (OLD.created_at), (NEW.created_at)
    UNION ALL SELECT created_at FROM articles WHERE ticket_id = NEW.id
    UNION ALL SELECT created_at FROM time_accounting WHERE ticket_id = NEW.id
    UNION ALL SELECT created_at FROM ticket_history WHERE ticket_id = NEW.id AND event = 'reopened'
  ) x(at), report_rollup_state s
  WHERE s.id = 1 AND x.at < (s.through::timestamp AT TIME ZONE 'UTC');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_articles_insert AFTER INSERT ON articles REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_mark_rows();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_articles_delete AFTER DELETE ON articles REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_mark_rows();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_articles_update AFTER UPDATE OF ticket_id, created_at, sender_type ON articles FOR EACH ROW
  WHEN (OLD.ticket_id IS DISTINCT FROM NEW.ticket_id OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.sender_type IS DISTINCT FROM NEW.sender_type)
  EXECUTE FUNCTION report_rollup_mark_update();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_time_insert AFTER INSERT ON time_accounting REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_mark_rows();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_time_delete AFTER DELETE ON time_accounting REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_mark_rows();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_time_update AFTER UPDATE OF ticket_id, created_at, minutes, user_id ON time_accounting FOR EACH ROW
  WHEN (OLD.ticket_id IS DISTINCT FROM NEW.ticket_id OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.minutes IS DISTINCT FROM NEW.minutes OR OLD.user_id IS DISTINCT FROM NEW.user_id)
  EXECUTE FUNCTION report_rollup_mark_update();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_history_insert AFTER INSERT ON ticket_history REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_mark_reopens();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_history_delete AFTER DELETE ON ticket_history REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_mark_reopens();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_history_update AFTER UPDATE OF ticket_id, created_at, event ON ticket_history FOR EACH ROW
  WHEN (OLD.ticket_id IS DISTINCT FROM NEW.ticket_id OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.event IS DISTINCT FROM NEW.event)
  EXECUTE FUNCTION report_rollup_mark_update();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_tickets_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_mark_rows();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_tickets_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_mark_rows();--> statement-breakpoint
CREATE OR REPLACE TRIGGER report_rollup_tickets_update AFTER UPDATE OF created_at, queue_id, owner_id, customer_user_id, customer_company_id, service_id, priority_id, type_id ON tickets FOR EACH ROW
  WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.queue_id IS DISTINCT FROM NEW.queue_id OR OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.customer_user_id IS DISTINCT FROM NEW.customer_user_id
    OR OLD.customer_company_id IS DISTINCT FROM NEW.customer_company_id OR OLD.service_id IS DISTINCT FROM NEW.service_id
    OR OLD.priority_id IS DISTINCT FROM NEW.priority_id OR OLD.type_id IS DISTINCT FROM NEW.type_id)
  EXECUTE FUNCTION report_rollup_mark_ticket();
