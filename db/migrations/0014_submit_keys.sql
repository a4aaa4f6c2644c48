ALTER TABLE "articles" ADD COLUMN "submit_key" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "articles_submit_key_uq" ON "articles" USING btree ("created_by","submit_key") WHERE "articles"."submit_key" is not null;
