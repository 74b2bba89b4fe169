-- Published records (SPEC §7, issue 19): a published month is a frozen record, not a flag on live data.
-- The rows of published_months are not carried over: a record is computed by the app (the league tables, the late
-- lists, the targets of that month), which SQL here cannot do, and there is no production yet. The demo start
-- publishes its last month again through the app (scripts/publish.ts); an admin republishes any other month.
DROP TABLE "published_months";

-- One row per version of a month's record. Republishing adds a version; unpublishing marks the month's versions
-- withdrawn (kept for the record and the audit, never shown); publishing after that adds a new version.
CREATE TABLE "publications" (
  "id"            SERIAL PRIMARY KEY,
  "month"         DATE NOT NULL,
  "version"       INTEGER NOT NULL,
  "published_at"  TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "published_by"  TEXT NOT NULL,
  -- Whether the record names the officials with late dossiers (the province's choice).
  "show_handlers" BOOLEAN NOT NULL DEFAULT false,
  -- The record itself (lib/publication: PublishedRecord, dates as ISO strings), never recomputed.
  "record"        JSONB NOT NULL,
  "withdrawn_at"  TIMESTAMPTZ(6),
  "withdrawn_by"  TEXT,
  CONSTRAINT "publications_first_day" CHECK (extract(day FROM "month") = 1),
  CONSTRAINT "publications_version_positive" CHECK ("version" >= 1),
  CONSTRAINT "publications_withdrawn_by_whom" CHECK (("withdrawn_at" IS NULL) = ("withdrawn_by" IS NULL))
);

CREATE UNIQUE INDEX "publications_month_version_key" ON "publications" ("month", "version");
