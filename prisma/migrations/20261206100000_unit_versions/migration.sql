-- Units over time (SPEC §6). A unit is a code with a validity: the same code can name two units at two times (new
-- communes took the code of one of the communes merged into them), never two at once. Successions carry old units
-- into new ones, wholly or in shares, in a table of their own (a split has several rows); they replace successor_id.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "units" DROP CONSTRAINT "units_code_key";
ALTER TABLE "units" ADD CONSTRAINT "units_code_valid_from_key" UNIQUE ("code", "valid_from");
ALTER TABLE "units" ADD CONSTRAINT "units_code_validity_disjoint"
  EXCLUDE USING gist ("code" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&) DEFERRABLE INITIALLY DEFERRED;
-- (Deferred: a units file closes a version and opens the next of the same code in one transaction.)
CREATE INDEX "units_code_idx" ON "units" ("code");

-- MaDinhDanh: the agency's electronic identifier (QCVN 102:2016/BTTTT), which prefixes its dossiers' codes.
ALTER TABLE "units" ADD COLUMN "agency_id" TEXT;
-- TenKhac: other names the unit goes by in one-stop exports.
ALTER TABLE "units" ADD COLUMN "aliases" TEXT[] NOT NULL DEFAULT '{}';
CREATE INDEX "units_agency_id_idx" ON "units" ("agency_id") WHERE "agency_id" IS NOT NULL;

CREATE TABLE "unit_successions" (
  "from_unit_id"    INTEGER NOT NULL REFERENCES "units" ("id") ON DELETE CASCADE,
  "to_unit_id"      INTEGER NOT NULL REFERENCES "units" ("id") ON DELETE CASCADE,
  "effective_on"    DATE NOT NULL,
  -- TyLe: the old unit's share that went into the new one, when known (1 or null for a whole unit).
  "share"           DECIMAL(6, 5),
  -- Chinh: the primary successor of a split (its dossiers are attributed to it whole).
  "is_primary"      BOOLEAN NOT NULL DEFAULT false,
  "import_batch_id" INTEGER REFERENCES "import_batches" ("id"),
  "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  PRIMARY KEY ("from_unit_id", "to_unit_id"),
  CONSTRAINT "unit_successions_not_self" CHECK ("from_unit_id" <> "to_unit_id"),
  CONSTRAINT "unit_successions_share" CHECK ("share" IS NULL OR ("share" > 0 AND "share" <= 1))
);
CREATE INDEX "unit_successions_to_idx" ON "unit_successions" ("to_unit_id");

INSERT INTO "unit_successions" ("from_unit_id", "to_unit_id", "effective_on", "share", "is_primary")
SELECT "id", "successor_id", COALESCE("valid_to" + 1, CURRENT_DATE), 1, true FROM "units" WHERE "successor_id" IS NOT NULL;
ALTER TABLE "units" DROP COLUMN "successor_id";

ALTER TYPE "import_kind" ADD VALUE 'unit_mapping';
