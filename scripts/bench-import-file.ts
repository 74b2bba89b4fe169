// The import file both benches feed to `npm run import` (scripts/bench.ts, scripts/bench-federation.ts): a province's
// own dossiers under new codes ('IMP-' + code), as the CSV columns of SPEC §4, written with COPY.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** The dossiers an import file is made of: ended or open without a supplement, rejection or withdrawal, not imported. */
export const IMPORTABLE = `d.supplement_requested_at IS NULL AND d.rejected_at IS NULL AND d.withdrawn_at IS NULL
  AND d.code NOT LIKE 'IMP-%'`;

/** Writes the first `rows` importable dossiers (by id) to `file` as an import CSV, with local dates. */
export async function writeImportCsv(client: pg.Client, file: string, rows: number): Promise<void> {
  await client.query("SET TIME ZONE 'Asia/Ho_Chi_Minh'");
  await pipeline(
    client.query(
      copyTo(`COPY (
    SELECT 'IMP-' || d.code AS "MaHoSo", u.code AS "MaDonVi", p.code AS "MaTTHC", d.channel AS "KenhThucHien",
      to_char(d.received_at, 'DD/MM/YYYY HH24:MI:SS') AS "NgayTiepNhan", to_char(d.due_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "NgayHenTra",
      to_char(d.processed_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "NgayKetThucXuLy", to_char(d.returned_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "NgayTra",
      d.fee AS "PhiLePhi", d.online_payment AS "DuocThanhToanTrucTuyen", d.digitized::int AS "DaSoHoa", d.rating AS "DanhGia",
      d.handler AS "CanBoXuLy"
    FROM dossiers d JOIN units u ON u.id = d.unit_id JOIN procedures p ON p.id = d.procedure_id
    WHERE ${IMPORTABLE}
    ORDER BY d.id LIMIT ${rows}) TO STDOUT WITH (FORMAT csv, HEADER)`),
    ),
    fs.createWriteStream(file),
  );
  await client.query('RESET TIME ZONE');
}
