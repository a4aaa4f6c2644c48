ALTER TABLE "notifications" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
-- The rules the desk followed before rules took effect, so a fresh or upgraded desk notifies as before.
INSERT INTO "notification_rules" ("name", "event", "recipients", "channels") VALUES
  ('New ticket: agents watching the queue', 'new_ticket', '{"queueSubscribers": true}', '{"email": true, "app": true}'),
  ('Customer follow-up: the owner', 'follow_up', '{"owner": true}', '{"email": true, "app": true}')
ON CONFLICT ("name") DO NOTHING;
--> statement-breakpoint
-- Events no rule can react to any more (state changes, escalation warnings) are switched off, not lost.
UPDATE "notification_rules" SET "valid" = false WHERE "event" NOT IN ('new_ticket', 'follow_up', 'queue_changed', 'owner_changed', 'escalation');
