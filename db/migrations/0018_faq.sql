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
-- Suggestions while a customer types: any of the words (3 letters or more, at most 16 distinct ones)
-- may match, the last one as a prefix; ranking puts the articles matching most words first.
CREATE OR REPLACE FUNCTION helpdesk_tsquery_any(query text) RETURNS tsquery
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN (
  SELECT coalesce(string_agg(
    '''' || replace(replace(w.lexeme, '\', '\\'), '''', '''''') || '''' || CASE WHEN w.is_last THEN ':*' ELSE '' END,
    ' | '), '')::tsquery
  FROM (
    SELECT l.lexeme, bool_or(l.n = l.last) AS is_last, min(l.n) AS first_n
    FROM (
      SELECT t.lexeme, t.n, max(t.n) OVER () AS last
      FROM (
        SELECT unnest(d.lexemes) AS lexeme, d.n
        FROM ts_debug('simple'::regconfig, helpdesk_fold(left(query, 2000))) WITH ORDINALITY AS d(alias, description, token, dictionaries, dictionary, lexemes, n)
        WHERE d.alias NOT IN ('hword_part', 'hword_asciipart', 'hword_numpart', 'email', 'url', 'host', 'file', 'url_path') AND cardinality(d.lexemes) > 0
      ) t
    ) l
    WHERE char_length(l.lexeme) >= 3
    GROUP BY l.lexeme
    ORDER BY min(l.n)
    LIMIT 16
  ) w
);
--> statement-breakpoint
INSERT INTO "settings" ("key", "value") VALUES ('faq.public', 'false') ON CONFLICT DO NOTHING;
