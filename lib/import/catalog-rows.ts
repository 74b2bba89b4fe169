// Rows of the catalogue files (SPEC §4): units, procedures, holidays, feedback (PAKN) → typed records through zod. Pure.
import { z } from 'zod';
import { isoWeekday } from '@/lib/calendar';
import {
  normalizeHeader,
  type FEEDBACK_COLUMNS,
  type HOLIDAY_COLUMNS,
  type PROCEDURE_COLUMNS,
  type UNIT_COLUMNS,
  type UNIT_MAPPING_COLUMNS,
} from './headers';
import { parsedCell as parsed, text } from './cells';
export { parseRow } from './cells';
import { parseDateTime, parseFlag, type Parsed } from './values';

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: string): Parsed<T> =>
    (values as readonly string[]).includes(v)
      ? { ok: true, value: v as T }
      : { ok: false, reason: `"${v}" không thuộc: ${values.join(', ')}` };
const positive = (v: string): Parsed<number> => {
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) && n > 0 && n <= 100_000 ? { ok: true, value: n } : { ok: false, reason: `"${v}" phải là số dương` };
};

type Columns<T extends readonly { name: string }[]> = T[number]['name'];

/** A local day (YYYY-MM-DD) from a date or date-time cell. */
const localDay = (v: string): Parsed<string> => {
  const d = parseDateTime(v);
  return d.ok ? { ok: true, value: new Date(d.value.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) } : d;
};

const UNIT_LEVELS = { tinh: 'tinh', songanh: 'so_nganh', so: 'so_nganh', huyen: 'huyen', xa: 'xa' } as const;
/** CapDonVi: tinh | so_nganh | huyen | xa, or the Vietnamese words ("Tỉnh", "Sở, ngành", "Cấp huyện", "xã"). */
const unitLevel = (v: string): Parsed<(typeof UNIT_LEVELS)[keyof typeof UNIT_LEVELS]> => {
  const key = normalizeHeader(v).replace(/^cap/, '');
  return key in UNIT_LEVELS
    ? { ok: true, value: UNIT_LEVELS[key as keyof typeof UNIT_LEVELS] }
    : { ok: false, reason: `"${v}" không phải cấp đơn vị (tinh, so_nganh, huyen, xa)` };
};

export const unitRowSchema = z
  .object({
    MaDonVi: text(true, 64),
    TenDonVi: text(true),
    CapDonVi: parsed(unitLevel, null, true),
    MaDonViCha: text(false, 64),
    HieuLucTu: parsed(localDay, null),
    HieuLucDen: parsed(localDay, null),
    MaDonViKeThua: text(false, 64),
    MaDinhDanh: text(false, 64),
    TenKhac: text(false, 2000),
  } satisfies Record<Columns<typeof UNIT_COLUMNS>, z.ZodType>)
  .superRefine(
    (r, ctx) => {
      if (r.MaDonVi && r.MaDonViCha === r.MaDonVi)
        ctx.addIssue({ code: 'custom', path: ['MaDonViCha'], message: 'đơn vị không thể là cha của chính nó' });
      if (r.MaDonVi && r.MaDonViKeThua === r.MaDonVi)
        ctx.addIssue({ code: 'custom', path: ['MaDonViKeThua'], message: 'đơn vị không thể kế thừa chính nó' });
      if (typeof r.HieuLucDen === 'string' && r.HieuLucDen < (typeof r.HieuLucTu === 'string' ? r.HieuLucTu : '2000-01-01')) {
        ctx.addIssue({ code: 'custom', path: ['HieuLucDen'], message: 'ngày hết hiệu lực trước ngày bắt đầu hiệu lực' });
      }
    },
    { when: () => true },
  )
  .transform((r) => ({
    code: r.MaDonVi!,
    name: r.TenDonVi!,
    level: r.CapDonVi!,
    parentCode: r.MaDonViCha,
    /** HieuLucTu; null: the code's only version, or one in force since 2000-01-01 (lib/server/import/units.ts). */
    validFrom: r.HieuLucTu,
    validTo: r.HieuLucDen,
    successorCode: r.MaDonViKeThua,
    agencyId: r.MaDinhDanh,
    /** TenKhac: names separated by "|". */
    aliases: (r.TenKhac ?? '')
      .split('|')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
  }));

const share = (v: string): Parsed<number> => {
  const n = Number(v.replace(',', '.').replace(/%$/, ''));
  const value = v.trim().endsWith('%') ? n / 100 : n;
  return Number.isFinite(value) && value > 0 && value <= 1
    ? { ok: true, value }
    : { ok: false, reason: `"${v}" phải là tỷ lệ trong khoảng (0, 1], ví dụ 0,3 hoặc 30%` };
};

export const unitMappingRowSchema = z
  .object({
    MaDonViCu: text(true, 64),
    MaDonViMoi: text(true, 64),
    NgayHieuLuc: parsed(localDay, null, true),
    TyLe: parsed(share, null),
    Chinh: parsed(parseFlag, false),
  } satisfies Record<Columns<typeof UNIT_MAPPING_COLUMNS>, z.ZodType>)
  // MaDonViCu = MaDonViMoi is a new unit that took its predecessor's code: two versions, checked against the dates.
  .transform((r) => ({
    fromCode: r.MaDonViCu!,
    toCode: r.MaDonViMoi!,
    effectiveOn: r.NgayHieuLuc!,
    share: r.TyLe,
    primary: r.Chinh,
  }));
export type UnitMappingRecord = z.output<typeof unitMappingRowSchema>;

export const procedureRowSchema = z
  .object({
    MaTTHC: text(true, 64),
    TenTTHC: text(true),
    MaLinhVuc: text(true, 64),
    TenLinhVuc: text(),
    ThoiHanGiaiQuyet: parsed(positive, null),
    DonViThoiGian: parsed(oneOf(['gio', 'ngay', 'ngay_lam_viec', 'thang'] as const), null),
    MucDoDVC: parsed(oneOf(['toan_trinh', 'mot_phan', 'khong'] as const), 'khong' as const),
    CoKetQuaGiay: parsed(parseFlag, true),
  } satisfies Record<Columns<typeof PROCEDURE_COLUMNS>, z.ZodType>)
  .superRefine(
    (r, ctx) => {
      if ((r.ThoiHanGiaiQuyet === null) !== (r.DonViThoiGian === null)) {
        ctx.addIssue({
          code: 'custom',
          path: [r.ThoiHanGiaiQuyet === null ? 'ThoiHanGiaiQuyet' : 'DonViThoiGian'],
          message: 'thời hạn giải quyết và đơn vị thời gian phải có cùng nhau',
        });
      }
    },
    { when: () => true },
  )
  .transform((r) => ({
    code: r.MaTTHC!,
    name: r.TenTTHC!,
    fieldCode: r.MaLinhVuc!,
    fieldName: r.TenLinhVuc,
    processingTime: r.ThoiHanGiaiQuyet,
    timeUnit: r.DonViThoiGian,
    onlineLevel: r.MucDoDVC,
    hasPaperResult: r.CoKetQuaGiay,
  }));

export const holidayRowSchema = z
  .object({
    Ngay: parsed(localDay, null, true),
    Loai: parsed(oneOf(['nghi', 'lam_bu'] as const), null, true),
    TenNgay: text(),
  } satisfies Record<Columns<typeof HOLIDAY_COLUMNS>, z.ZodType>)
  .superRefine(
    (r, ctx) => {
      if (typeof r.Ngay !== 'string' || (r.Loai !== 'nghi' && r.Loai !== 'lam_bu')) return;
      const weekend = isoWeekday(r.Ngay) >= 6;
      if (r.Loai === 'nghi' && weekend)
        ctx.addIssue({
          code: 'custom',
          path: ['Loai'],
          message: 'ngày nghỉ rơi vào thứ Bảy/Chủ nhật: không cần khai báo (nghỉ bù thì khai ngày làm việc được nghỉ)',
        });
      if (r.Loai === 'lam_bu' && !weekend)
        ctx.addIssue({ code: 'custom', path: ['Loai'], message: 'ngày làm bù phải là thứ Bảy hoặc Chủ nhật' });
    },
    { when: () => true },
  )
  .transform((r) => ({ day: r.Ngay!, kind: r.Loai!, name: r.TenNgay ?? (r.Loai === 'nghi' ? 'Ngày nghỉ' : 'Ngày làm bù') }));

export const feedbackRowSchema = z
  .object({
    MaPAKN: text(true, 64),
    MaDonVi: text(true, 64),
    MaTTHC: text(false, 64),
    NgayTiepNhan: parsed((v) => parseDateTime(v), null, true),
    NgayHenTra: parsed((v) => parseDateTime(v, 'end'), null),
    NgayGiaiQuyet: parsed((v) => parseDateTime(v), null),
  } satisfies Record<Columns<typeof FEEDBACK_COLUMNS>, z.ZodType>)
  .superRefine(
    (r, ctx) => {
      const received = r.NgayTiepNhan instanceof Date ? r.NgayTiepNhan : null;
      if (received && r.NgayGiaiQuyet instanceof Date && r.NgayGiaiQuyet < received) {
        ctx.addIssue({ code: 'custom', path: ['NgayGiaiQuyet'], message: 'ngày giải quyết trước ngày tiếp nhận' });
      }
      if (received && r.NgayHenTra instanceof Date && r.NgayHenTra < received) {
        ctx.addIssue({ code: 'custom', path: ['NgayHenTra'], message: 'ngày hẹn trả trước ngày tiếp nhận' });
      }
    },
    { when: () => true },
  )
  .transform((r) => ({
    code: r.MaPAKN!,
    unitCode: r.MaDonVi!,
    procedureCode: r.MaTTHC,
    receivedAt: r.NgayTiepNhan!,
    dueAt: r.NgayHenTra,
    resolvedAt: r.NgayGiaiQuyet,
  }));

export type UnitRecord = z.output<typeof unitRowSchema>;
export type ProcedureRecord = z.output<typeof procedureRowSchema>;
export type HolidayRecord = z.output<typeof holidayRowSchema>;
export type FeedbackRecord = z.output<typeof feedbackRowSchema>;
