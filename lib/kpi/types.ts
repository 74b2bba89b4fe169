// Plain inputs and outputs of the KPI engine (SPEC §2–3). Pure: no database, no framework.
import type { LocalDay } from '@/lib/calendar';

export const KPI_KEYS = [
  'onTime', 'resolvedOnTime', 'online', 'onlinePayment', 'digitized', 'eResult', 'reuse', 'satisfaction', 'apology',
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

/** The additive counts every KPI is made of; the SQL roll-ups produce exactly these. */
export interface KpiSums {
  received: number;
  receivedOnline: number;
  receivedWithFee: number;
  receivedPaidOnline: number;
  receivedDigitized: number;
  receivedReused: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  resolvedLateApology: number;
  eResultBase: number;
  eResultIssued: number;
  rated: number;
  ratedSatisfied: number;
  /** Σ working days of E − R − S over resolved dossiers. */
  workDays: number;
  pending: number;
  pendingLate: number;
  pendingLateApology: number;
  feedbackResolved: number;
  feedbackResolvedOnTime: number;
  feedbackPending: number;
  feedbackPendingNotDue: number;
}

export const EMPTY_SUMS: Readonly<KpiSums> = Object.freeze({
  received: 0, receivedOnline: 0, receivedWithFee: 0, receivedPaidOnline: 0, receivedDigitized: 0, receivedReused: 0,
  resolved: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0, resolvedLateApology: 0, eResultBase: 0,
  eResultIssued: 0, rated: 0, ratedSatisfied: 0, workDays: 0, pending: 0, pendingLate: 0, pendingLateApology: 0,
  feedbackResolved: 0, feedbackResolvedOnTime: 0, feedbackPending: 0, feedbackPendingNotDue: 0,
});

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
