-- System defaults every desk needs, demo or not. Names follow OTRS so admins coming from it feel at home.
INSERT INTO "groups" ("name", "comment") VALUES
  ('users', 'All agents'),
  ('admin', 'Desk administrators');
--> statement-breakpoint
INSERT INTO "states" ("name", "type", "comment") VALUES
  ('new', 'new', 'New ticket, nobody has answered yet'),
  ('open', 'open', 'Being worked on'),
  ('pending reminder', 'pending_reminder', 'Waiting; remind the owner at the pending time'),
  ('pending auto close+', 'pending_auto', 'Waiting; closes successfully at the pending time'),
  ('pending auto close-', 'pending_auto', 'Waiting; closes unsuccessfully at the pending time'),
  ('closed successful', 'closed', 'Solved'),
  ('closed unsuccessful', 'closed', 'Closed without a solution'),
  ('merged', 'merged', 'Merged into another ticket'),
  ('removed', 'removed', 'Spam or removed');
--> statement-breakpoint
UPDATE "states" SET "next_state_id" = (SELECT "id" FROM "states" WHERE "name" = 'closed successful') WHERE "name" = 'pending auto close+';
--> statement-breakpoint
UPDATE "states" SET "next_state_id" = (SELECT "id" FROM "states" WHERE "name" = 'closed unsuccessful') WHERE "name" = 'pending auto close-';
--> statement-breakpoint
INSERT INTO "priorities" ("name", "level", "color") VALUES
  ('1 very low', 1, '#9ca3af'),
  ('2 low', 2, '#60a5fa'),
  ('3 normal', 3, '#10b981'),
  ('4 high', 4, '#f59e0b'),
  ('5 very high', 5, '#ef4444');
--> statement-breakpoint
INSERT INTO "ticket_types" ("name") VALUES ('Unclassified'), ('Incident'), ('Service request'), ('Problem');
--> statement-breakpoint
INSERT INTO "queues" ("name", "group_id", "follow_up", "default_next_state_id", "is_default", "customer_visible", "comment")
  SELECT 'Postmaster', g."id", 'reopen', (SELECT "id" FROM "states" WHERE "name" = 'open'), true, false,
         'Mail that matches no other queue lands here'
  FROM "groups" g WHERE g."name" = 'users';
--> statement-breakpoint
INSERT INTO "settings" ("key", "value") VALUES
  ('ticket.hook', '"Ticket#"'),
  ('ticket.system_id', '"10"'),
  ('ticket.archive_days', '30'),
  ('auth.registration', '"approval"'),
  ('system.default_language', '"en"'),
  ('system.time_zone', '"UTC"'),
  ('auth.max_failures', '5'),
  ('auth.block_minutes', '15');
