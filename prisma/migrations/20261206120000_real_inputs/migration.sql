-- Real one-stop inputs (SPEC §4.1, issue 18).
-- Records that are not dossiers (not yet received, footer lines) are skipped, not rejected: counted apart, with reasons.
ALTER TABLE import_batches
  ADD COLUMN skipped integer NOT NULL DEFAULT 0,
  ADD COLUMN skip_reasons jsonb,
  -- Unit and procedure names (or identifiers) no catalogue entry matched, with their row counts: the mapping step.
  ADD COLUMN unresolved jsonb,
  -- The import whose rejected rows this one imported again ("Nhập lại các dòng bị từ chối").
  ADD COLUMN retry_of integer REFERENCES import_batches (id);

-- Other names a procedure goes by in one-stop exports (TenKhac of procedures), as units have.
ALTER TABLE procedures ADD COLUMN aliases text[] NOT NULL DEFAULT '{}';
