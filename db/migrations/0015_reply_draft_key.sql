ALTER TABLE "articles" ADD COLUMN "draft_key" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "articles_draft_key_uq" ON "articles" USING btree ("ticket_id","draft_key") WHERE "articles"."draft_key" is not null;
