-- Access control (issue 6): API tokens, published months, and indexes to browse the audit log.

-- An API token acts with a user role, or as an importer that may only push dossiers (of its unit's subtree, if bound).
CREATE TYPE "token_role" AS ENUM ('admin', 'province', 'chair', 'auditor', 'importer');

CREATE TABLE "api_tokens" (
  "id"           SERIAL PRIMARY KEY,
  "name"         TEXT NOT NULL,
  -- sha256 of the token; the token itself is shown once when created and never stored.
  "token_hash"   TEXT NOT NULL,
  "role"         "token_role" NOT NULL,
  "unit_id"      INTEGER REFERENCES "units" ("id"),
  "created_by"   TEXT NOT NULL,
  "created_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "last_used_at" TIMESTAMPTZ(6),
  "revoked_at"   TIMESTAMPTZ(6),
  CONSTRAINT "api_tokens_name_key" UNIQUE ("name"),
  CONSTRAINT "api_tokens_token_hash_key" UNIQUE ("token_hash"),
  CONSTRAINT "api_tokens_chair_has_unit" CHECK ("role" <> 'chair' OR "unit_id" IS NOT NULL)
);

-- A month whose rankings and late-unit list the public may see (published by an admin).
CREATE TABLE "published_months" (
  "month"         DATE PRIMARY KEY,
  "published_at"  TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "published_by"  TEXT NOT NULL,
  -- Whether the public list of officials with late dossiers names them (the province's choice).
  "show_handlers" BOOLEAN NOT NULL DEFAULT false,
  CONSTRAINT "published_months_first_day" CHECK (extract(day FROM "month") = 1)
);

CREATE INDEX "audit_log_actor_at_idx" ON "audit_log" ("actor", "at");
CREATE INDEX "audit_log_action_at_idx" ON "audit_log" ("action", "at");
