-- The receiving unit (SPEC §6, MaDonViTiepNhan, "Nơi tiếp nhận"): where a dossier was received, when another unit than
-- the one that handles it ("phi địa giới hành chính"). KPIs stay with the handling unit (unit_id); the unit page counts
-- the dossiers received elsewhere and those received for others, which this index serves.
ALTER TABLE "dossiers" ADD COLUMN "received_unit_id" INTEGER REFERENCES "units" ("id");
CREATE INDEX "dossiers_received_unit_idx" ON "dossiers" ("received_unit_id", "received_at") WHERE "received_unit_id" IS NOT NULL;
CREATE INDEX "dossiers_received_elsewhere_idx" ON "dossiers" ("unit_id", "received_at") WHERE "received_unit_id" IS NOT NULL;
