ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "prefer_gregorian" boolean DEFAULT false NOT NULL;
