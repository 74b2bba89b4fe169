// Plain inputs and outputs of the KPI engine (SPEC §2–3). Pure: no database, no framework.
import type { LocalDay } from '@/lib/calendar';

export const KPI_KEYS = [
  'onTime',
  'resolvedOnTime',
  'online',
  'onlinePayment',
  'digitized',
  'eResult',
  'reuse',
  'satisfaction',
  'apology',
  'feedbackOnTime',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** A rate: value = numerator / denominator, or null when the denominator is 0 (shown "—", never 0 % or 100 %). */
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

/** The dates and flags of one dossier that the KPIs read (SPEC §4 names in comments). */
export interface KpiDossier {
  receivedAt: Date; // NgayTiepNhan
  /** D: NgayHenTra, or the due computed from the procedure's processing time. */
  deadlineAt: Date;
  processedAt: Date | null; // NgayKetThucXuLy
  returnedAt: Date | null; // NgayTra
  rejectedAt: Date | null; // NgayTuChoi
  withdrawnAt: Date | null; // NgayRutHoSo
  supplementRequestedAt: Date | null; // NgayYeuCauBoSung
  supplementCompletedAt: Date | null; // NgayHoanThanhBoSung
  supplementCount: number; // SoLanBoSung
  channel: number; // KenhThucHien
  fee: number | null; // PhiLePhi
  onlinePayment: number | null; // DuocThanhToanTrucTuyen
  digitized: boolean; // DaSoHoa
  eResult: boolean; // CoKetQuaDienTu
  reusedData: boolean; // HoSoCoThanhPhanSoHoa
  rating: number | null; // DanhGia
  apologyAt: Date | null; // NgayXinLoi
  /** Whether the dossier's procedure issues a paper result (CoKetQuaGiay). */
  hasPaperResult: boolean;
}

/** A citizen feedback (PAKN): due = NgayHenTra, or 15 working days after receipt. */
export interface KpiFeedback {
  receivedAt: Date;
  deadlineAt: Date;
  resolvedAt: Date | null;
}

/** A period of local days, both ends included. */
export interface Period {
  from: LocalDay;
  to: LocalDay;
}

/**
 * The additive counts every KPI is made of (SPEC §3), declared once. Everything else is made from these lists: the
 * KpiSums type, EMPTY_SUMS, the column lists and sums the roll-up reader sends to SQL (a measure's roll-up column is
 * its name in snake_case), and the benchmark's DuckDB query. The SQL roll-ups must equal lib/kpi's sumDossiers on the
 * same rows (tests/integration/kpi-sql.test.ts). Adding a measure: one entry here, its expression in the roll-up
 * migration, and its count in sumDossiers.
 */
export const PERIOD_MEASURES = [
  'received',
  'receivedOnline',
  'receivedWithFee',
  'receivedPaidOnline',
  'receivedDigitized',
  'receivedReused',
  'resolved',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'resolvedLateApology',
  'eResultBase',
  'eResultIssued',
  'rated',
  'ratedSatisfied',
  /** Σ working days of E − R − S over resolved dossiers. */
  'workDays',
] as const;
/** Counted at T, the period's instant: dossiers received by T and not ended by T (the roll-ups keep them as deltas). */
export const PENDING_MEASURES = ['pending', 'pendingLate', 'pendingLateApology'] as const;
/** Feedback (PAKN), counted from the feedback rows themselves. */
export const FEEDBACK_MEASURES = [
  'feedbackResolved',
  'feedbackResolvedOnTime',
  'feedbackPending',
  'feedbackPendingNotDue',
] as const;
export const SUM_KEYS = [...PERIOD_MEASURES, ...PENDING_MEASURES, ...FEEDBACK_MEASURES] as const;

export type PeriodMeasure = (typeof PERIOD_MEASURES)[number];
export type PendingMeasure = (typeof PENDING_MEASURES)[number];
export type SumKey = (typeof SUM_KEYS)[number];

/** The additive counts every KPI is made of; the SQL roll-ups produce exactly these. */
export type KpiSums = Record<SumKey, number>;

export const EMPTY_SUMS: Readonly<KpiSums> = Object.freeze(Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as KpiSums);

/**
 * A copy of some sums (default: zeros), key by key. Not `{ ...s }`: on this Node a spread of a 26-key object costs
 * ~4.7 µs, the loop ~0.6 µs, and a league of 3,400 communes makes tens of thousands of them (BENCHMARKS.md).
 */
export function copySums(s: Readonly<KpiSums> = EMPTY_SUMS): KpiSums {
  const out = {} as KpiSums;
  for (const k of SUM_KEYS) out[k] = s[k];
  return out;
}

/** The roll-up column of a measure: its name in snake_case (`receivedOnline` → `received_online`). */
export const measureColumn = (key: SumKey) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface KpiCounts {
  received: number;
  resolved: { total: number; early: number; onTime: number; late: number };
  pending: { total: number; withinDue: number; late: number };
  /** Mean of E − R − S in working days over resolved dossiers (766 ref 2.2); null when none. */
  meanProcessingDays: number | null;
}

/** Names of the KPIs as the directives write them (SPEC §3). */
export const KPI_LABELS: Record<KpiKey, string> = {
  onTime: 'Tỷ lệ hồ sơ xử lý đúng hạn, trước hạn',
  resolvedOnTime: 'Tỷ lệ hồ sơ đã giải quyết đúng hạn',
  online: 'Tỷ lệ hồ sơ trực tuyến',
  onlinePayment: 'Tỷ lệ hồ sơ thanh toán trực tuyến',
  digitized: 'Tỷ lệ hồ sơ được số hóa',
  eResult: 'Tỷ lệ cấp kết quả điện tử',
  reuse: 'Tỷ lệ tái sử dụng dữ liệu số hóa',
  satisfaction: 'Tỷ lệ hài lòng',
  apology: 'Tỷ lệ xin lỗi khi trễ hạn',
  feedbackOnTime: 'Tỷ lệ giải quyết PAKN đúng hạn',
};
