// One row of a dossier file (SPEC §4) → a typed record through a zod schema, or every reason it is rejected. Pure.
import { z } from 'zod';
import type { DossierColumn } from './headers';
import { parseRow, parsedCell, text, type RowError } from './cells';
export type { RowError } from './cells';
import { parseChoice, parseDateTime, parseFlag, parseInteger } from './values';

export type RawRow = Partial<Record<DossierColumn, string>>;

const date = (dateOnly: 'start' | 'end' = 'start', required = false) =>
  parsedCell((v) => parseDateTime(v, dateOnly), null, required);
const flag = parsedCell(parseFlag, false);

export const dossierRowSchema = z
  .object({
    MaHoSo: text(true),
    MaDonVi: text(true),
    MaTTHC: text(true),
    TenTTHC: text(),
    MaLinhVuc: text(),
    TenLinhVuc: text(),
    KenhThucHien: parsedCell((v) => parseChoice(v, [1, 2, 3]), 1),
    NgayTiepNhan: date('start', true),
    NgayHenTra: date('end'), // a date alone is the end of that day (SPEC §4)
    NgayKetThucXuLy: date(),
    NgayTra: date(),
    NgayTuChoi: date(),
    NgayRutHoSo: date(),
    NgayYeuCauBoSung: date(),
    NgayHoanThanhBoSung: date(),
    SoLanBoSung: parsedCell((v) => parseInteger(v, 0, 100), null),
    PhiLePhi: parsedCell((v) => parseInteger(v, 0, 1e12, true), null),
    DuocThanhToanTrucTuyen: parsedCell((v) => parseChoice(v, [0, 1, 2]), null),
    DaSoHoa: flag,
    CoKetQuaDienTu: flag,
    HoSoCoThanhPhanSoHoa: flag,
    DanhGia: parsedCell((v) => parseChoice(v, [1, 2, 3]), null),
    NgayXinLoi: date(),
    CanBoXuLy: text(),
  } satisfies Record<DossierColumn, z.ZodType>)
  .superRefine((r, ctx) => {
    // The order of the dates; the database refuses the same, saying it here names the column. A cell that failed
    // its own check holds no date here.
    const asDate = (v: unknown) => (v instanceof Date ? v : null);
    const received = asDate(r.NgayTiepNhan);
    if (received) {
      for (const [column, label] of [
        ['NgayKetThucXuLy', 'ngày kết thúc xử lý'], ['NgayTra', 'ngày trả kết quả'], ['NgayTuChoi', 'ngày từ chối'],
        ['NgayRutHoSo', 'ngày rút hồ sơ'], ['NgayYeuCauBoSung', 'ngày yêu cầu bổ sung'], ['NgayHenTra', 'ngày hẹn trả'],
      ] as const) {
        const d = asDate(r[column]);
        if (d && d.getTime() < received.getTime()) ctx.addIssue({ code: 'custom', path: [column], message: `${label} trước ngày tiếp nhận` });
      }
    }
    const requested = asDate(r.NgayYeuCauBoSung);
    const completed = asDate(r.NgayHoanThanhBoSung);
    if (completed && r.NgayYeuCauBoSung === null) {
      ctx.addIssue({ code: 'custom', path: ['NgayHoanThanhBoSung'], message: 'có ngày hoàn thành bổ sung nhưng không có ngày yêu cầu bổ sung' });
    } else if (completed && requested && completed < requested) {
      ctx.addIssue({ code: 'custom', path: ['NgayHoanThanhBoSung'], message: 'trước ngày yêu cầu bổ sung' });
    }
  }, { when: () => true }) // also when other cells failed: every problem of the row is reported at once
  .transform((r) => ({
    code: r.MaHoSo!,
    unitCode: r.MaDonVi!,
    procedureCode: r.MaTTHC!,
    procedureName: r.TenTTHC,
    fieldCode: r.MaLinhVuc,
    fieldName: r.TenLinhVuc,
    channel: r.KenhThucHien as 1 | 2 | 3,
    receivedAt: r.NgayTiepNhan!,
    dueAt: r.NgayHenTra,
    processedAt: r.NgayKetThucXuLy,
    returnedAt: r.NgayTra,
    rejectedAt: r.NgayTuChoi,
    withdrawnAt: r.NgayRutHoSo,
    supplementRequestedAt: r.NgayYeuCauBoSung,
    supplementCompletedAt: r.NgayHoanThanhBoSung,
    supplementCount: r.SoLanBoSung ?? (r.NgayYeuCauBoSung ? 1 : 0), // SPEC §4 default
    fee: r.PhiLePhi,
    onlinePayment: r.DuocThanhToanTrucTuyen,
    digitized: r.DaSoHoa,
    eResult: r.CoKetQuaDienTu,
    reusedData: r.HoSoCoThanhPhanSoHoa,
    rating: r.DanhGia,
    apologyAt: r.NgayXinLoi,
    handler: r.CanBoXuLy,
  }));

export type DossierRecord = z.output<typeof dossierRowSchema>;
export type RowResult = { ok: true; record: DossierRecord } | { ok: false; errors: RowError[] };

/** Validates one row; every problem of the row is reported, not only the first. */
export function parseDossierRow(raw: RawRow, row: number): RowResult {
  return parseRow(dossierRowSchema, raw, row);
}
