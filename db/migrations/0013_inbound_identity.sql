CREATE TYPE "public"."unverified_follow_up_rule" AS ENUM('unverified', 'new_ticket');--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "unverified_follow_up" "unverified_follow_up_rule" DEFAULT 'unverified' NOT NULL;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "unverified" boolean DEFAULT false NOT NULL;
