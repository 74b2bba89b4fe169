// One row of a dossier file (SPEC §4) → a typed record through a zod schema, or every reason it is rejected. Pure.
import { z } from 'zod';
import { DOSSIER_COLUMNS, type DossierColumn } from './headers';
import { parseRow, readParsed, readText, REQUIRED, type Complain, type RowError } from './cells';
import { agencyIdPrefix } from './names';
export type { RowError } from './cells';
import { parseChannel, parseChoice, parseDateTime, parseFlag, parseInteger } from './values';
import { applyStatus } from './status';

export type RawRow = Partial<Record<DossierColumn, string>>;

/** The row as read: every known column a string or absent. */
const cells = z.object(
  Object.fromEntries(DOSSIER_COLUMNS.map((c) => [c.name, z.string().optional()])) as Record<
    DossierColumn,
    z.ZodOptional<z.ZodString>
  >,
);

const startOfDay = (v: string) => parseDateTime(v, 'start');
const endOfDay = (v: string) => parseDateTime(v, 'end'); // a date alone is the end of that day (SPEC §4, NgayHenTra)
const channel = parseChannel; // 1, 2, 3 or the words of one-stop exports (SPEC §4.1)
const payment = (v: string) => parseChoice(v, [0, 1, 2]);
const rating = (v: string) => parseChoice(v, [1, 2, 3]);
const supplements = (v: string) => parseInteger(v, 0, 100);
const fee = (v: string) => parseInteger(v, 0, 1e12, true);

/** Dates that may not come before the reception, with their names in a reason. */
const AFTER_RECEPTION = [
  ['NgayKetThucXuLy', 'ngày kết thúc xử lý', 'processedAt'],
  ['NgayTra', 'ngày trả kết quả', 'returnedAt'],
  ['NgayTuChoi', 'ngày từ chối', 'rejectedAt'],
  ['NgayRutHoSo', 'ngày rút hồ sơ', 'withdrawnAt'],
  ['NgayYeuCauBoSung', 'ngày yêu cầu bổ sung', 'supplementRequestedAt'],
  ['NgayHenTra', 'ngày hẹn trả', 'dueAt'],
] as const;

/**
 * One row → one record, in a single zod transform (a row of 24 cells is read millions of times: a schema per cell
 * cost twice the time, mostly in allocations). Every problem of the row is reported, each on its column.
 */
export const dossierRowSchema = cells.transform((raw, ctx) => {
  const complain: Complain = (column, message) => ctx.addIssue({ code: 'custom', path: [column], message });
  const record = {
    code: readText(raw.MaHoSo, 'MaHoSo', complain, true)!,
    // The unit and the procedure as the row names them; the importer resolves them (SPEC §4.1) to codes.
    unitCode: readText(raw.MaDonVi, 'MaDonVi', complain),
    /** MaDinhDanh: the agency's electronic identifier (else the MaHoSo prefix may be one). */
    agencyId: readText(raw.MaDinhDanh, 'MaDinhDanh', complain),
    /** DonViXuLy / Cơ quan/đơn vị: the unit's name. */
    unitName: readText(raw.DonViXuLy, 'DonViXuLy', complain),
    /** MaDonViTiepNhan: where it was received, when not the handling unit (SPEC §6). */
    receivedUnitCode: readText(raw.MaDonViTiepNhan, 'MaDonViTiepNhan', complain),
    procedureCode: readText(raw.MaTTHC, 'MaTTHC', complain),
    procedureName: readText(raw.TenTTHC, 'TenTTHC', complain),
    fieldCode: readText(raw.MaLinhVuc, 'MaLinhVuc', complain),
    fieldName: readText(raw.TenLinhVuc, 'TenLinhVuc', complain),
    channel: readParsed(raw.KenhThucHien, 'KenhThucHien', complain, channel, 1 as const),
    receivedAt: readParsed(raw.NgayTiepNhan, 'NgayTiepNhan', complain, startOfDay, null, true)!,
    dueAt: readParsed(raw.NgayHenTra, 'NgayHenTra', complain, endOfDay, null),
    processedAt: readParsed(raw.NgayKetThucXuLy, 'NgayKetThucXuLy', complain, startOfDay, null),
    returnedAt: readParsed(raw.NgayTra, 'NgayTra', complain, startOfDay, null),
    rejectedAt: readParsed(raw.NgayTuChoi, 'NgayTuChoi', complain, startOfDay, null),
    withdrawnAt: readParsed(raw.NgayRutHoSo, 'NgayRutHoSo', complain, startOfDay, null),
    supplementRequestedAt: readParsed(raw.NgayYeuCauBoSung, 'NgayYeuCauBoSung', complain, startOfDay, null),
    supplementCompletedAt: readParsed(raw.NgayHoanThanhBoSung, 'NgayHoanThanhBoSung', complain, startOfDay, null),
    supplementCount: readParsed(raw.SoLanBoSung, 'SoLanBoSung', complain, supplements, null) as number | null,
    fee: readParsed(raw.PhiLePhi, 'PhiLePhi', complain, fee, null),
    onlinePayment: readParsed(raw.DuocThanhToanTrucTuyen, 'DuocThanhToanTrucTuyen', complain, payment, null),
    digitized: readParsed(raw.DaSoHoa, 'DaSoHoa', complain, parseFlag, false),
    eResult: readParsed(raw.CoKetQuaDienTu, 'CoKetQuaDienTu', complain, parseFlag, false),
    reusedData: readParsed(raw.HoSoCoThanhPhanSoHoa, 'HoSoCoThanhPhanSoHoa', complain, parseFlag, false),
    rating: readParsed(raw.DanhGia, 'DanhGia', complain, rating, null),
    apologyAt: readParsed(raw.NgayXinLoi, 'NgayXinLoi', complain, startOfDay, null),
    handler: readText(raw.CanBoXuLy, 'CanBoXuLy', complain),
  };

  if (!record.unitCode && !record.agencyId && !record.unitName && !(record.code && agencyIdPrefix(record.code))) {
    complain('MaDonVi', `${REQUIRED} (không có cả mã định danh, tên đơn vị xử lý, hay mã hồ sơ bắt đầu bằng mã định danh)`);
  }
  if (!record.procedureCode && !record.procedureName) complain('MaTTHC', `${REQUIRED} (không có cả tên thủ tục)`);

  // The order of the dates; the database refuses the same, saying it here names the column. A cell that failed its
  // own check holds no date here.
  const received = record.receivedAt;
  if (received) {
    for (const [column, label, key] of AFTER_RECEPTION) {
      const d = record[key];
      if (d && d.getTime() < received.getTime()) complain(column, `${label} trước ngày tiếp nhận`);
    }
  }
  const requested = record.supplementRequestedAt;
  const completed = record.supplementCompletedAt;
  if (completed && (raw.NgayYeuCauBoSung?.trim() ?? '') === '') {
    complain('NgayHoanThanhBoSung', 'có ngày hoàn thành bổ sung nhưng không có ngày yêu cầu bổ sung');
  } else if (completed && requested && completed < requested) {
    complain('NgayHoanThanhBoSung', 'trước ngày yêu cầu bổ sung');
  }
  record.supplementCount ??= requested ? 1 : 0; // SPEC §4 default
  return record as typeof record & { supplementCount: number };
});

/** A row as read: its unit and procedure may still be names (resolved by the importer). */
export type ParsedDossier = z.output<typeof dossierRowSchema>;
/** A record whose unit and procedure are catalogue codes. */
export type DossierRecord = ParsedDossier & { unitCode: string; procedureCode: string };
export type RowResult =
  | { ok: true; record: ParsedDossier }
  | { ok: false; errors: RowError[]; skip?: undefined }
  /** Not a received dossier (TrangThaiHoSo 1, 3): counted as skipped with this reason, not rejected (SPEC §4.1). */
  | { ok: false; skip: string; errors: [] };

/** Validates one row; every problem of the row is reported, not only the first. */
export function parseDossierRow(raw: RawRow, row: number): RowResult {
  const status = applyStatus(raw); // on the text, before the schema: it can skip the row or fill an end date
  if ('skip' in status) return { ok: false, skip: status.skip, errors: [] };
  if ('raw' in status) return parseRow(dossierRowSchema, status.raw, row);
  const parsed = parseRow(dossierRowSchema, raw, row);
  return { ok: false, errors: [...status.errors.map((e) => ({ row, ...e })), ...(parsed.ok ? [] : parsed.errors)] };
}
