-- The agents' customer typeahead matches "%query%" on the folded name and e-mail. Trigram GIN over
-- that same expression keeps it an index lookup among 100,000s of customers; the query must spell
-- the expression exactly like this (server/services/users/lookup.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_customer_lookup_idx ON users USING gin (helpdesk_fold(coalesce(name, '') || ' ' || coalesce(email, '')) gin_trgm_ops) WHERE role = 'customer';
