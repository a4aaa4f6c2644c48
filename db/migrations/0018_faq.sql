-- FAQ / knowledge base (issue 13): categories, articles with translations per language, history,
-- attachments, view/helpful/solved counters, the faq_editor permission and the public-FAQ setting.
-- Idempotent (IF NOT EXISTS, DO blocks): the shared bench desk applies this file directly.
DO $$ BEGIN CREATE TYPE "public"."faq_visibility" AS ENUM('internal', 'customers', 'public'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
--> statement-breakpoint
DO $$ BEGIN CREATE TYPE "public"."faq_state" AS ENUM('draft', 'published', 'archived'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "faq_editor" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "faq_categories" (
  "id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "faq_categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
  "parent_id" bigint REFERENCES "faq_categories"("id"),
  "names" jsonb NOT NULL,
  "position" integer DEFAULT 0 NOT NULL,
  "valid" boolean DEFAULT true NOT NULL,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "faq_categories_parent_idx" ON "faq_categories" USING btree ("parent_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "faq_articles" (
  "id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "faq_articles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
  "category_id" bigint NOT NULL REFERENCES "faq_categories"("id"),
  "visibility" "faq_visibility" DEFAULT 'internal' NOT NULL,
  "state" "faq_state" DEFAULT 'draft' NOT NULL,
  "views" bigint DEFAULT 0 NOT NULL,
  "helpful" bigint DEFAULT 0 NOT NULL,
  "solved" bigint DEFAULT 0 NOT NULL,
  "source_ticket_id" bigint,
  "version" integer DEFAULT 0 NOT NULL,
  "published_at" timestamp (3) with time zone,
  "created_by" bigint REFERENCES "users"("id"),
  "changed_by" bigint REFERENCES "users"("id"),
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "faq_articles_category_idx" ON "faq_articles" USING btree ("category_id","id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "faq_articles_published_idx" ON "faq_articles" USING btree ("visibility","id") WHERE state = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "faq_articles_changed_idx" ON "faq_articles" USING btree ("changed_at","id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "faq_translations" (
  "article_id" bigint NOT NULL REFERENCES "faq_articles"("id") ON DELETE cascade,
  "language" text NOT NULL,
  "title" text NOT NULL,
  "body_markdown" text DEFAULT '' NOT NULL,
  "body_html" text DEFAULT '' NOT NULL,
  "body_text" text DEFAULT '' NOT NULL,
  "keywords" text DEFAULT '' NOT NULL,
  "search_vector" tsvector,
  "changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "faq_translations_article_id_language_pk" PRIMARY KEY("article_id","language")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "faq_translations_search_idx" ON "faq_translations" USING gin ("search_vector");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "faq_history" (
  "id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "faq_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
  "article_id" bigint NOT NULL REFERENCES "faq_articles"("id") ON DELETE cascade,
  "actor_id" bigint REFERENCES "users"("id"),
  "action" text NOT NULL,
  "language" text,
  "before" jsonb,
  "after" jsonb,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "faq_history_article_idx" ON "faq_history" USING btree ("article_id","id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "faq_attachments" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "article_id" bigint NOT NULL REFERENCES "faq_articles"("id") ON DELETE cascade,
  "file_sha256" text NOT NULL REFERENCES "stored_files"("sha256"),
  "filename" text NOT NULL,
  "content_type" text NOT NULL,
  "size" bigint NOT NULL,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "faq_attachments_article_idx" ON "faq_attachments" USING btree ("article_id");
--> statement-breakpoint
-- The title weighs most, then the keywords, then the body; folded like ticket search (0005).
CREATE OR REPLACE FUNCTION helpdesk_faq_vector(title text, keywords text, body_text text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN setweight(helpdesk_tsvector(title), 'A')
  || setweight(helpdesk_tsvector(keywords), 'B')
  || setweight(helpdesk_tsvector(left(body_text, 200000)), 'D');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_faq_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := helpdesk_faq_vector(NEW.title, NEW.keywords, NEW.body_text);
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS faq_translations_search_vector ON faq_translations;
--> statement-breakpoint
CREATE TRIGGER faq_translations_search_vector BEFORE INSERT OR UPDATE OF title, keywords, body_text
ON faq_translations FOR EACH ROW EXECUTE FUNCTION helpdesk_faq_search_trigger();
--> statement-breakpoint
-- Suggestions weigh the typed words by how many texts hold them (document frequency): faq_lexicon
-- counts, per lexeme, the translations whose vector has it ('' counts all translations), kept by
-- statement triggers with transition tables (one aggregated upsert per statement).
CREATE TABLE IF NOT EXISTS "faq_lexicon" (
  "lexeme" text PRIMARY KEY NOT NULL,
  "translations" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_faq_lexicon_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE faq_lexicon l SET translations = l.translations - d.n
    FROM (
      SELECT w AS lexeme, count(*) AS n FROM old_rows, unnest(tsvector_to_array(coalesce(old_rows.search_vector, ''::tsvector))) w GROUP BY w
      UNION ALL SELECT '', count(*) FROM old_rows
    ) d
    WHERE l.lexeme = d.lexeme;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO faq_lexicon (lexeme, translations)
    SELECT w, count(*) FROM new_rows, unnest(tsvector_to_array(coalesce(new_rows.search_vector, ''::tsvector))) w GROUP BY w
    UNION ALL SELECT '', count(*) FROM new_rows
    ON CONFLICT (lexeme) DO UPDATE SET translations = faq_lexicon.translations + excluded.translations;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS faq_lexicon_insert ON faq_translations;
--> statement-breakpoint
CREATE TRIGGER faq_lexicon_insert AFTER INSERT ON faq_translations REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION helpdesk_faq_lexicon_trigger();
--> statement-breakpoint
DROP TRIGGER IF EXISTS faq_lexicon_update ON faq_translations;
--> statement-breakpoint
CREATE TRIGGER faq_lexicon_update AFTER UPDATE ON faq_translations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION helpdesk_faq_lexicon_trigger();
--> statement-breakpoint
DROP TRIGGER IF EXISTS faq_lexicon_delete ON faq_translations;
--> statement-breakpoint
CREATE TRIGGER faq_lexicon_delete AFTER DELETE ON faq_translations REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION helpdesk_faq_lexicon_trigger();
--> statement-breakpoint
INSERT INTO faq_lexicon (lexeme, translations)
SELECT w, count(*) FROM faq_translations t, unnest(tsvector_to_array(coalesce(t.search_vector, ''::tsvector))) w
WHERE NOT EXISTS (SELECT 1 FROM faq_lexicon) GROUP BY w
UNION ALL SELECT '', count(*) FROM faq_translations WHERE NOT EXISTS (SELECT 1 FROM faq_lexicon)
ON CONFLICT (lexeme) DO NOTHING;
--> statement-breakpoint
INSERT INTO "settings" ("key", "value") VALUES ('faq.public', 'false') ON CONFLICT DO NOTHING;
