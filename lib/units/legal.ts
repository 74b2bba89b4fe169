// The legal basis of one-stop processing by date (SPEC §6): Decree 61/2018 as amended by Decree 107/2021 until
// 30/6/2025, Decree 118/2025 from 1/7/2025 — and the form of the apology letter a late dossier needs under each.
import type { LocalDay } from '@/lib/calendar';

/** The day the two-level local government and Decree 118/2025/NĐ-CP took effect. */
export const REORGANISED_ON: LocalDay = '2025-07-01';

export interface LegalBasis {
  /** In force from (inclusive; null: before the monitor's data) to (inclusive; null: still in force). */
  from: LocalDay | null;
  to: LocalDay | null;
  /** The decree on one-stop processing of administrative procedures. */
  oneStop: string;
  /** The apology letter for a late dossier. */
  apologyForm: string;
}

export const LEGAL_BASES: readonly LegalBasis[] = [
  {
    from: null,
    to: '2025-06-30',
    oneStop: 'Nghị định 61/2018/NĐ-CP, sửa đổi bởi Nghị định 107/2021/NĐ-CP',
    apologyForm: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu số 05, Thông tư 01/2018/TT-VPCP)',
  },
  {
    from: REORGANISED_ON,
    to: null,
    oneStop: 'Nghị định 118/2025/NĐ-CP',
    apologyForm: 'Văn bản xin lỗi và đề nghị gia hạn (Mẫu số 04, Thông tư 03/2025/TT-VPCP)',
  },
];

/** The basis in force on a day. */
export function legalBasisOn(day: LocalDay): LegalBasis {
  return LEGAL_BASES.find((b) => (b.from === null || b.from <= day) && (b.to === null || day <= b.to))!;
}

/** The bases in force during a period (two for a period across 1/7/2025), in order. */
export function legalBasesOf(period: { from: LocalDay; to: LocalDay }): LegalBasis[] {
  return LEGAL_BASES.filter((b) => (b.from === null || b.from <= period.to) && (b.to === null || period.from <= b.to));
}
