-- Search in each language's shape (issue 12) and duplicate requests at intake (issue 13).
-- Idempotent (IF NOT EXISTS, OR REPLACE): the shared bench desk applies it directly.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- The words inside which a query word is looked for (German compounds: "strasse" in
-- "hauptstrasse"). Folded lexemes of six letters or more, no digits or punctuation (no addresses,
-- hosts or numbers), from subjects, bodies and titles. Only the query grows: vectors stay as 0005
-- built them, so this needs no rebuild of five million article vectors.
CREATE TABLE IF NOT EXISTS "search_words" ("word" text PRIMARY KEY NOT NULL);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "ticket_duplicates" (
  "ticket_id" bigint NOT NULL REFERENCES "tickets"("id") ON DELETE CASCADE,
  "original_id" bigint NOT NULL REFERENCES "tickets"("id") ON DELETE CASCADE,
  "score" real NOT NULL,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "dismissed_at" timestamp (3) with time zone,
  "dismissed_by" bigint REFERENCES "users"("id"),
  CONSTRAINT "ticket_duplicates_ticket_id_original_id_pk" PRIMARY KEY ("ticket_id", "original_id")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ticket_duplicates_original_idx" ON "ticket_duplicates" USING btree ("original_id");
--> statement-breakpoint
-- Sorted, so two transactions adding the same new words take them in the same order (no deadlock).
CREATE OR REPLACE FUNCTION helpdesk_remember_words(v tsvector) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO search_words (word)
  SELECT w FROM unnest(tsvector_to_array(v)) w
  WHERE char_length(w) BETWEEN 6 AND 60 AND w !~ '[0-9[:punct:][:space:]]'
  ORDER BY w
  ON CONFLICT DO NOTHING
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_articles_words_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Subject (A) and body (D); addresses (C) and attachment names (B) are not words people search inside.
  PERFORM helpdesk_remember_words(ts_filter(NEW.search_vector, '{a,d}'));
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS articles_search_words ON articles;
--> statement-breakpoint
CREATE TRIGGER articles_search_words AFTER INSERT ON articles
FOR EACH ROW EXECUTE FUNCTION helpdesk_articles_words_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_tickets_words_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM helpdesk_remember_words(helpdesk_tsvector(NEW.title));
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS tickets_search_words ON tickets;
--> statement-breakpoint
CREATE TRIGGER tickets_search_words AFTER INSERT OR UPDATE OF title ON tickets
FOR EACH ROW EXECUTE FUNCTION helpdesk_tickets_words_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_quote_lexeme(lexeme text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''';
--> statement-breakpoint
-- helpdesk_tsquery (0005) with each plain word widened to its alternatives:
--   the word itself (the last one as a prefix, as before);
--   its stem as a prefix, when the caller passes one ({"drukarki": "drukark"}: Polish inflections,
--     stemmed in server/services/search/stems.ts, a maintained stemmer that PostgreSQL lacks); for
--     the last word the stem's prefix replaces the word's (it matches all the word's did), so the
--     planner's estimate stays that of one prefix and rare words keep their GIN plan;
--   up to 8 indexed words that contain it not at their start (from four letters: "strasse" adds
--     "hauptstrasse"), shortest first, looked up by trigram in search_words. Each alternative
--     raises the planner's estimate of the matches, and past a point it walks the newest tickets
--     instead of reading a rare word's few postings, hence the cap.
-- Hyphenated words, addresses, hosts and numbers stay exact, as in 0005.
CREATE OR REPLACE FUNCTION helpdesk_tsquery_wide(query text, stems jsonb DEFAULT '{}'::jsonb) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (
  SELECT coalesce(string_agg('(' || x.alts || ')', ' & ' ORDER BY x.n), '')::tsquery
  FROM (
    SELECT v.n, concat_ws(' | ',
      CASE WHEN v.prefix AND v.stem IS NOT NULL THEN helpdesk_quote_lexeme(v.stem) || ':*'
        ELSE helpdesk_quote_lexeme(v.lexeme) || CASE WHEN v.prefix THEN ':*' ELSE '' END END,
      CASE WHEN NOT v.prefix AND v.stem IS NOT NULL THEN helpdesk_quote_lexeme(v.stem) || ':*' END,
      (SELECT string_agg(helpdesk_quote_lexeme(s.word), ' | ')
        FROM (
          SELECT sw.word FROM search_words sw
          WHERE v.plain AND char_length(v.lexeme) >= 4 AND v.lexeme !~ '[%_\\]'
            AND sw.word LIKE '%' || v.lexeme || '%' AND sw.word NOT LIKE v.lexeme || '%'
          ORDER BY char_length(sw.word), sw.word
          LIMIT 8
        ) s)
    ) AS alts
    FROM (
      SELECT w.n, w.lexeme, w.plain,
        w.n = w.last AND w.alias <> 'email' AND char_length(w.lexeme) >= 3 AS prefix,
        CASE WHEN w.plain AND char_length(stems ->> w.lexeme) >= 4 AND stems ->> w.lexeme <> w.lexeme
          AND starts_with(w.lexeme, stems ->> w.lexeme) THEN stems ->> w.lexeme END AS stem
      FROM (
        SELECT t.alias, t.lexeme, t.n, max(t.n) OVER () AS last, t.alias IN ('asciiword', 'word') AS plain
        FROM (
          SELECT d.alias, unnest(d.lexemes) AS lexeme, d.n
          FROM ts_debug('simple'::regconfig, helpdesk_fold(left(query, 400))) WITH ORDINALITY AS d(alias, description, token, dictionaries, dictionary, lexemes, n)
          WHERE d.alias NOT IN ('hword_part', 'hword_asciipart', 'hword_numpart') AND cardinality(d.lexemes) > 0
        ) t
      ) w
    ) v
  ) x
);
--> statement-breakpoint
-- The words already indexed: one pass over every article vector and title, only while the list is
-- empty (a second run of this file costs nothing). On the 1,000,000-ticket desk (5 million
-- articles) this pass took 688 s on a loaded 2-core machine (docs/benchmarks.md).
INSERT INTO search_words (word)
SELECT DISTINCT w FROM (
  SELECT unnest(tsvector_to_array(ts_filter(a.search_vector, '{a,d}'))) AS w FROM articles a
  UNION ALL
  SELECT unnest(tsvector_to_array(helpdesk_tsvector(t.title))) FROM tickets t
) x
WHERE char_length(w) BETWEEN 6 AND 60 AND w !~ '[0-9[:punct:][:space:]]'
  AND NOT EXISTS (SELECT 1 FROM search_words)
ON CONFLICT DO NOTHING;
