-- TTHC Monitor: initial schema (SPEC §1, §2, §4). Mirrors prisma/schema.prisma; the drift test compares them.

CREATE TYPE "unit_level" AS ENUM ('tinh', 'so_nganh', 'huyen', 'xa');
CREATE TYPE "time_unit" AS ENUM ('gio', 'ngay', 'ngay_lam_viec', 'thang');
CREATE TYPE "online_level" AS ENUM ('toan_trinh', 'mot_phan', 'khong');
CREATE TYPE "calendar_day_kind" AS ENUM ('nghi', 'lam_bu');
CREATE TYPE "user_role" AS ENUM ('admin', 'province', 'chair', 'auditor');
CREATE TYPE "import_kind" AS ENUM ('dossiers', 'units', 'procedures', 'holidays', 'feedback');
CREATE TYPE "import_status" AS ENUM ('running', 'done', 'failed');

-- Units: a tree versioned in time. "path" holds the ids from the root, '/1/12/130/', so a subtree is a prefix match.
CREATE TABLE "units" (
  "id"           SERIAL PRIMARY KEY,
  "code"         TEXT NOT NULL,
  "name"         TEXT NOT NULL,
  "level"        "unit_level" NOT NULL,
  "parent_id"    INTEGER REFERENCES "units" ("id"),
  "path"         TEXT NOT NULL,
  "depth"        SMALLINT NOT NULL,
  "sort_order"   INTEGER NOT NULL DEFAULT 0,
  "valid_from"   DATE NOT NULL DEFAULT DATE '2000-01-01',
  "valid_to"     DATE,
  "successor_id" INTEGER REFERENCES "units" ("id"),
  "created_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "units_code_key" UNIQUE ("code"),
  CONSTRAINT "units_code_not_blank" CHECK (btrim("code") <> ''),
  CONSTRAINT "units_path_format" CHECK ("path" ~ '^(/[0-9]+)+/$'),
  CONSTRAINT "units_valid_range" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"),
  CONSTRAINT "units_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id")
);
CREATE INDEX "units_parent_id_idx" ON "units" ("parent_id");
CREATE INDEX "units_path_idx" ON "units" ("path" text_pattern_ops);

CREATE TABLE "fields" (
  "id"   SERIAL PRIMARY KEY,
  "code" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  CONSTRAINT "fields_code_key" UNIQUE ("code")
);

CREATE TABLE "procedures" (
  "id"               SERIAL PRIMARY KEY,
  "code"             TEXT NOT NULL,
  "name"             TEXT NOT NULL,
  "field_id"         INTEGER NOT NULL REFERENCES "fields" ("id"),
  -- Both absent for a procedure first seen in an import: its dossiers then need their NgayHenTra.
  "processing_time"  DECIMAL(8, 2),
  "time_unit"        "time_unit",
  "online_level"     "online_level" NOT NULL DEFAULT 'khong',
  "has_paper_result" BOOLEAN NOT NULL DEFAULT true,
  "created_at"       TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at"       TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "procedures_code_key" UNIQUE ("code"),
  CONSTRAINT "procedures_processing_time_positive" CHECK ("processing_time" > 0),
  CONSTRAINT "procedures_time_complete" CHECK (("processing_time" IS NULL) = ("time_unit" IS NULL))
);
CREATE INDEX "procedures_field_id_idx" ON "procedures" ("field_id");

CREATE TABLE "import_batches" (
  "id"          SERIAL PRIMARY KEY,
  "kind"        "import_kind" NOT NULL,
  "source"      TEXT NOT NULL,
  "file_name"   TEXT,
  "user_id"     INTEGER,
  "status"      "import_status" NOT NULL DEFAULT 'running',
  "started_at"  TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "finished_at" TIMESTAMPTZ(6),
  "inserted"    INTEGER NOT NULL DEFAULT 0,
  "updated"     INTEGER NOT NULL DEFAULT 0,
  "unchanged"   INTEGER NOT NULL DEFAULT 0,
  "rejected"    INTEGER NOT NULL DEFAULT 0,
  "errors"      JSONB
);

-- Time arithmetic for the SPEC §2 rules. Vietnam keeps UTC+7 without daylight saving, so these are truly immutable
-- (they never depend on the session's time zone) and can define generated columns.
CREATE FUNCTION "tthc_local_day"(ts timestamptz) RETURNS date
  IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$ SELECT (timezone('UTC', ts) + interval '7 hours')::date $$;
-- ts + by, computed in UTC (no DST, no session time zone).
CREATE FUNCTION "tthc_shift"(ts timestamptz, "by" interval) RETURNS timestamptz
  IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$ SELECT timezone('UTC', timezone('UTC', ts) + "by") $$;
-- The last millisecond of a local day (23:59:59.999, as in lib/calendar).
CREATE FUNCTION "tthc_end_of_day"(d date) RETURNS timestamptz
  IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$ SELECT timezone('UTC', (d + 1)::timestamp - interval '7 hours 0.001 seconds') $$;
-- E (SPEC §2): NgayKetThucXuLy › NgayTra › NgayTuChoi › NgayRutHoSo › a supplement request still open; else unfinished.
CREATE FUNCTION "tthc_end"(processed timestamptz, returned timestamptz, rejected timestamptz, withdrawn timestamptz,
                           requested timestamptz, completed timestamptz) RETURNS timestamptz
  IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
    SELECT COALESCE(processed, returned, rejected, withdrawn, CASE WHEN completed IS NULL THEN requested END) $$;
-- S (SPEC §2): time waiting for the applicant's supplement, when both ends are known.
CREATE FUNCTION "tthc_supplement"(requested timestamptz, completed timestamptz) RETURNS interval
  IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$ SELECT COALESCE(completed - requested, interval '0') $$;
-- The instant after which a dossier is late (SPEC §2): late iff SoLanBoSung > 1, or (E − S) > D ⇔ E > D + S;
-- for an unfinished dossier judged at T, (T − S) > D ⇔ T > D + S.
CREATE FUNCTION "tthc_late_after"(deadline timestamptz, supplement_count smallint, requested timestamptz, completed timestamptz)
  RETURNS timestamptz IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
    SELECT CASE WHEN supplement_count > 1 THEN '-infinity'::timestamptz
                ELSE tthc_shift(deadline, tthc_supplement(requested, completed)) END $$;
-- Outcome of a finished dossier (SPEC §2): 1 early (local day of E − S before that of D), 2 on time, 3 late.
CREATE FUNCTION "tthc_outcome"(ended timestamptz, late_after timestamptz, deadline timestamptz, requested timestamptz,
                               completed timestamptz) RETURNS smallint
  IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
    SELECT CASE WHEN ended IS NULL THEN NULL
                WHEN ended > late_after THEN 3
                WHEN tthc_local_day(tthc_shift(ended, -tthc_supplement(requested, completed))) < tthc_local_day(deadline) THEN 1
                ELSE 2 END::smallint $$;

-- Dossiers: one row per SPEC §4 record. E, S, the instant after which the dossier is late and the outcome are
-- generated by PostgreSQL from the raw dates (SPEC §2); deadline_at (D) is written with the row (NgayHenTra, or computed
-- from the procedure's processing time and the calendar). KPI queries never recompute them per row.
CREATE TABLE "dossiers" (
  "id"                      BIGSERIAL PRIMARY KEY,
  "code"                    TEXT NOT NULL,
  "unit_id"                 INTEGER NOT NULL REFERENCES "units" ("id"),
  "procedure_id"            INTEGER NOT NULL REFERENCES "procedures" ("id"),
  "channel"                 SMALLINT NOT NULL DEFAULT 1,
  "received_at"             TIMESTAMPTZ(6) NOT NULL,
  "due_at"                  TIMESTAMPTZ(6),
  "processed_at"            TIMESTAMPTZ(6),
  "returned_at"             TIMESTAMPTZ(6),
  "rejected_at"             TIMESTAMPTZ(6),
  "withdrawn_at"            TIMESTAMPTZ(6),
  "supplement_requested_at" TIMESTAMPTZ(6),
  "supplement_completed_at" TIMESTAMPTZ(6),
  "supplement_count"        SMALLINT NOT NULL DEFAULT 0,
  "fee"                     BIGINT,
  "online_payment"          SMALLINT,
  "digitized"               BOOLEAN NOT NULL DEFAULT false,
  "e_result"                BOOLEAN NOT NULL DEFAULT false,
  "reused_data"             BOOLEAN NOT NULL DEFAULT false,
  "rating"                  SMALLINT,
  "apology_at"              TIMESTAMPTZ(6),
  "handler"                 TEXT,
  "deadline_at"             TIMESTAMPTZ(6) NOT NULL,
  "ended_at"                TIMESTAMPTZ(6) GENERATED ALWAYS AS (
                              tthc_end("processed_at", "returned_at", "rejected_at", "withdrawn_at",
                                       "supplement_requested_at", "supplement_completed_at")) STORED,
  "late_after"              TIMESTAMPTZ(6) NOT NULL GENERATED ALWAYS AS (
                              tthc_late_after("deadline_at", "supplement_count", "supplement_requested_at",
                                              "supplement_completed_at")) STORED,
  "outcome"                 SMALLINT GENERATED ALWAYS AS (
                              tthc_outcome(
                                tthc_end("processed_at", "returned_at", "rejected_at", "withdrawn_at",
                                         "supplement_requested_at", "supplement_completed_at"),
                                tthc_late_after("deadline_at", "supplement_count", "supplement_requested_at",
                                                "supplement_completed_at"),
                                "deadline_at", "supplement_requested_at", "supplement_completed_at")) STORED,
  "import_batch_id"         INTEGER REFERENCES "import_batches" ("id"),
  "created_at"              TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at"              TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "dossiers_code_key" UNIQUE ("code"),
  CONSTRAINT "dossiers_code_not_blank" CHECK (btrim("code") <> ''),
  CONSTRAINT "dossiers_channel_valid" CHECK ("channel" IN (1, 2, 3)),
  CONSTRAINT "dossiers_fee_non_negative" CHECK ("fee" IS NULL OR "fee" >= 0),
  CONSTRAINT "dossiers_online_payment_valid" CHECK ("online_payment" IS NULL OR "online_payment" IN (0, 1, 2)),
  CONSTRAINT "dossiers_rating_valid" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 3),
  CONSTRAINT "dossiers_supplement_count_non_negative" CHECK ("supplement_count" >= 0),
  CONSTRAINT "dossiers_processed_after_received" CHECK ("processed_at" IS NULL OR "processed_at" >= "received_at"),
  CONSTRAINT "dossiers_returned_after_received" CHECK ("returned_at" IS NULL OR "returned_at" >= "received_at"),
  CONSTRAINT "dossiers_rejected_after_received" CHECK ("rejected_at" IS NULL OR "rejected_at" >= "received_at"),
  CONSTRAINT "dossiers_withdrawn_after_received" CHECK ("withdrawn_at" IS NULL OR "withdrawn_at" >= "received_at"),
  CONSTRAINT "dossiers_supplement_requested_after_received"
    CHECK ("supplement_requested_at" IS NULL OR "supplement_requested_at" >= "received_at"),
  CONSTRAINT "dossiers_supplement_completed_after_request"
    CHECK ("supplement_completed_at" IS NULL
           OR ("supplement_requested_at" IS NOT NULL AND "supplement_completed_at" >= "supplement_requested_at")),
  CONSTRAINT "dossiers_deadline_after_received" CHECK ("deadline_at" >= "received_at")
);
CREATE INDEX "dossiers_unit_id_received_at_idx" ON "dossiers" ("unit_id", "received_at");
-- Also answers "open at a past T" (R ≤ T < E) from the index alone: E > T, then R and the lateness from INCLUDE.
CREATE INDEX "dossiers_unit_id_ended_at_idx" ON "dossiers" ("unit_id", "ended_at") INCLUDE ("received_at", "late_after", "deadline_at");
CREATE INDEX "dossiers_procedure_id_idx" ON "dossiers" ("procedure_id");
-- Unfinished dossiers are few and are read on every page (pending and pending-late now).
CREATE INDEX "dossiers_unfinished_idx" ON "dossiers" ("unit_id", "late_after")
  INCLUDE ("received_at", "procedure_id", "apology_at", "deadline_at") WHERE "ended_at" IS NULL;
-- Late finished dossiers, for the overdue lists.
CREATE INDEX "dossiers_late_idx" ON "dossiers" ("unit_id", "ended_at") INCLUDE ("deadline_at") WHERE "outcome" = 3;

CREATE TABLE "calendar_days" (
  "day"  DATE PRIMARY KEY,
  "kind" "calendar_day_kind" NOT NULL,
  "name" TEXT NOT NULL,
  -- A holiday only matters on a weekday, a make-up working day only on a weekend (SPEC §2).
  CONSTRAINT "calendar_days_kind_matches_weekday" CHECK (
    ("kind" = 'nghi' AND extract(isodow FROM "day") < 6) OR ("kind" = 'lam_bu' AND extract(isodow FROM "day") >= 6))
);

CREATE TABLE "targets" (
  "id"         SERIAL PRIMARY KEY,
  "kpi"        TEXT NOT NULL,
  "year"       SMALLINT NOT NULL,
  "threshold"  DECIMAL(6, 5) NOT NULL,
  "unit_id"    INTEGER REFERENCES "units" ("id"),
  "level"      "unit_level",
  "field_id"   INTEGER REFERENCES "fields" ("id"),
  "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "targets_threshold_range" CHECK ("threshold" >= 0 AND "threshold" <= 1),
  CONSTRAINT "targets_kpi_valid" CHECK ("kpi" IN ('onTime', 'resolvedOnTime', 'online', 'onlinePayment', 'digitized',
                                                  'eResult', 'reuse', 'satisfaction', 'apology', 'feedbackOnTime', 'score'))
);
CREATE INDEX "targets_kpi_year_idx" ON "targets" ("kpi", "year");

CREATE TABLE "feedback" (
  "id"           SERIAL PRIMARY KEY,
  "code"         TEXT NOT NULL,
  "unit_id"      INTEGER NOT NULL REFERENCES "units" ("id"),
  "procedure_id" INTEGER REFERENCES "procedures" ("id"),
  "received_at"  TIMESTAMPTZ(6) NOT NULL,
  "due_at"       TIMESTAMPTZ(6),
  -- The due used by the KPI: NgayHenTra when given, else 15 working days after receipt (SPEC §3).
  "deadline_at"  TIMESTAMPTZ(6) NOT NULL,
  "resolved_at"  TIMESTAMPTZ(6),
  "created_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "feedback_code_key" UNIQUE ("code"),
  CONSTRAINT "feedback_resolved_after_received" CHECK ("resolved_at" IS NULL OR "resolved_at" >= "received_at")
);
CREATE INDEX "feedback_unit_id_received_at_idx" ON "feedback" ("unit_id", "received_at");
CREATE INDEX "feedback_unit_id_resolved_at_idx" ON "feedback" ("unit_id", "resolved_at") INCLUDE ("received_at", "deadline_at", "procedure_id");
CREATE INDEX "feedback_unresolved_idx" ON "feedback" ("unit_id") INCLUDE ("received_at", "deadline_at", "procedure_id")
  WHERE "resolved_at" IS NULL;

CREATE TABLE "users" (
  "id"            SERIAL PRIMARY KEY,
  "username"      TEXT NOT NULL,
  "name"          TEXT NOT NULL,
  "password_hash" TEXT NOT NULL,
  "role"          "user_role" NOT NULL,
  "unit_id"       INTEGER REFERENCES "units" ("id"),
  "active"        BOOLEAN NOT NULL DEFAULT true,
  "created_at"    TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "users_username_key" UNIQUE ("username"),
  -- A unit chair is always bound to a unit.
  CONSTRAINT "users_chair_has_unit" CHECK ("role" <> 'chair' OR "unit_id" IS NOT NULL)
);

ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id");

CREATE TABLE "audit_log" (
  "id"      BIGSERIAL PRIMARY KEY,
  "at"      TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "actor"   TEXT NOT NULL,
  "action"  TEXT NOT NULL,
  "target"  TEXT,
  "details" JSONB
);
CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at");

CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER "audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
