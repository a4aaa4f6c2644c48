-- Full-text search: folding, vectors, the query builder and the triggers that keep vectors current.
-- Functions other code may call set-based (e.g. the bench after a COPY with triggers disabled):
--   helpdesk_fold(input text) RETURNS text
--   helpdesk_tsvector(input text) RETURNS tsvector
--   helpdesk_article_vector(subject text, body_text text, from_address text, to_addresses text, cc_addresses text) RETURNS tsvector
--   helpdesk_attachment_vector(for_article bigint) RETURNS tsvector   (names of the article's attachments)
--   helpdesk_ticket_vector(number text, title text, customer_email text, customer_name text) RETURNS tsvector
--   helpdesk_tsquery(query text) RETURNS tsquery   (every word must match, as a prefix from 3 letters)
-- Full refill of one article: helpdesk_article_vector(...) || helpdesk_attachment_vector(id).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- NFKC first so presentation forms and ligatures become plain letters; unaccent before lower so a
-- server whose collation lowercases only ASCII still folds Ł, Ż and friends. Arabic letter variants
-- go to their Persian forms; tatweel and harakat vanish; ZWNJ becomes a space because people
-- type half-spaced Persian words with an ordinary space at least as often as with nothing.
CREATE OR REPLACE FUNCTION helpdesk_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN translate(
  lower(public.unaccent('public.unaccent'::regdictionary, normalize(input, NFKC))),
  'يىكةأإآٱؤئ' || U&'\200C' || '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹' || U&'\0640\064B\064C\064D\064E\064F\0650\0651\0652',
  'ییکهااااوی' || ' ' || '01234567890123456789'
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_tsvector(input text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN to_tsvector('simple'::regconfig, coalesce(helpdesk_fold(input), ''));
--> statement-breakpoint
-- File names and addresses are also indexed split at punctuation, so "invoice" finds
-- "invoice_march.pdf" (one 'host' token to the parser) and "jan.kowalski" finds the address.
CREATE OR REPLACE FUNCTION helpdesk_split_words(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN concat_ws(' ', input, regexp_replace(input, '[@._+=~#-]+', ' ', 'g'));
--> statement-breakpoint
-- Bodies are cut at 200k characters: a tsvector is limited to 1 MB and nobody searches past that.
-- Weight B is left to attachment names alone: search tells "matched an attachment" by ts_filter.
CREATE OR REPLACE FUNCTION helpdesk_article_vector(subject text, body_text text, from_address text, to_addresses text, cc_addresses text)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN setweight(helpdesk_tsvector(subject), 'A')
  || setweight(helpdesk_tsvector(concat_ws(' ', from_address, to_addresses, cc_addresses)), 'C')
  || setweight(helpdesk_tsvector(left(body_text, 200000)), 'D');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_attachment_vector(for_article bigint) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (
  SELECT coalesce(setweight(helpdesk_tsvector(string_agg(helpdesk_split_words(a.filename), ' ')), 'B'), ''::tsvector)
  FROM attachments a WHERE a.article_id = for_article
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_ticket_vector(number text, title text, customer_email text, customer_name text)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN setweight(to_tsvector('simple'::regconfig, coalesce(number, '')), 'A')
  || setweight(helpdesk_tsvector(title), 'A')
  || setweight(helpdesk_tsvector(concat_ws(' ', helpdesk_split_words(customer_email), customer_name)), 'B');
--> statement-breakpoint
-- Parts of hyphenated words are left out of the query: the whole compound is in every vector, while
-- its parts are not inside e-mail or host tokens ("customer-ab" must still find "customer-ab@x.org").
-- Only the last word matches as a prefix (from three characters), as in search-as-you-type: a GIN
-- prefix match must collect every posting of every matching lexeme, so "printer toner" with both
-- as prefixes costs as much as the commonest of them, while exact words let GIN skip ahead.
-- Lexemes are cast, not re-parsed, so the folding above is the only normalization.
CREATE OR REPLACE FUNCTION helpdesk_tsquery(query text) RETURNS tsquery
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN (
  SELECT coalesce(string_agg(
    '''' || replace(replace(w.lexeme, '\', '\\'), '''', '''''') || ''''
      || CASE WHEN w.n = w.last AND w.alias <> 'email' AND char_length(w.lexeme) >= 3 THEN ':*' ELSE '' END,
    ' & '), '')::tsquery
  FROM (
    SELECT t.alias, t.lexeme, t.n, max(t.n) OVER () AS last
    FROM (
      SELECT d.alias, unnest(d.lexemes) AS lexeme, d.n
      FROM ts_debug('simple'::regconfig, helpdesk_fold(left(query, 400))) WITH ORDINALITY AS d(alias, description, token, dictionaries, dictionary, lexemes, n)
      WHERE d.alias NOT IN ('hword_part', 'hword_asciipart', 'hword_numpart') AND cardinality(d.lexemes) > 0
    ) t
  ) w
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_articles_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := helpdesk_article_vector(NEW.subject, NEW.body_text, NEW.from_address, NEW.to_addresses, NEW.cc_addresses);
  -- An insert has no attachments yet; they append themselves (attachments trigger below).
  IF TG_OP = 'UPDATE' THEN
    NEW.search_vector := NEW.search_vector || helpdesk_attachment_vector(NEW.id);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER articles_search_vector BEFORE INSERT OR UPDATE OF subject, body_text, from_address, to_addresses, cc_addresses
ON articles FOR EACH ROW EXECUTE FUNCTION helpdesk_articles_search_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_attachments_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE articles SET search_vector = coalesce(search_vector, ''::tsvector)
    || setweight(helpdesk_tsvector(helpdesk_split_words(NEW.filename)), 'B')
  WHERE id = NEW.article_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attachments_search_vector AFTER INSERT ON attachments
FOR EACH ROW EXECUTE FUNCTION helpdesk_attachments_search_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_tickets_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  c_email text;
  c_name text;
BEGIN
  IF NEW.customer_user_id IS NOT NULL THEN
    SELECT u.email, u.name INTO c_email, c_name FROM users u WHERE u.id = NEW.customer_user_id;
  END IF;
  NEW.search_vector := helpdesk_ticket_vector(NEW.number, NEW.title, c_email, c_name);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER tickets_search_vector BEFORE INSERT OR UPDATE OF number, title, customer_user_id
ON tickets FOR EACH ROW EXECUTE FUNCTION helpdesk_tickets_search_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION helpdesk_users_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets SET search_vector = helpdesk_ticket_vector(number, title, NEW.email, NEW.name)
  WHERE customer_user_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_search_vector AFTER UPDATE OF email, name ON users
FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION helpdesk_users_search_trigger();
--> statement-breakpoint
UPDATE articles a SET search_vector = helpdesk_article_vector(a.subject, a.body_text, a.from_address, a.to_addresses, a.cc_addresses)
  || helpdesk_attachment_vector(a.id);
--> statement-breakpoint
UPDATE tickets t SET search_vector = helpdesk_ticket_vector(t.number, t.title, u.email, u.name)
FROM (SELECT t2.id, cu.email, cu.name FROM tickets t2 LEFT JOIN users cu ON cu.id = t2.customer_user_id) u
WHERE u.id = t.id;
