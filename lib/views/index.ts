// What the read model answers, as the pages, the API and the components see it: plain data, no database and no
// framework. The queries in lib/server/queries build these; components in components/ render them from their props.
import { z } from 'zod';
import { KPI_KEYS, KPI_LABELS, type KpiCounts, type KpiKey, type Period, type Ratio, type UnitLevel } from '@/lib/kpi';
import type { OverdueFilter } from './overdue-filter';

export * from './overdue-filter';

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  level: UnitLevel;
  path: string;
}

export interface KpiValue extends Ratio {
  target: number | null;
  met: boolean | null;
}

export interface ScoreValue {
  value: number | null;
  target: number | null;
  met: boolean | null;
  parts: Array<{ kpi: KpiKey; value: number; points: number; target: number; earned: number }>;
}

export interface KpiReport {
  unit: { code: string; name: string; level: UnitLevel };
  period: Period;
  asOf: Date;
  filter: { field: string | null; procedure: string | null };
  kpis: Record<KpiKey, KpiValue>;
  counts: KpiCounts;
  score: ScoreValue;
}

export interface BreakdownRow {
  code: string;
  name: string;
  counts: KpiCounts;
  kpis: Record<KpiKey, KpiValue>;
}

export interface Breakdown {
  unit: { code: string; name: string };
  period: Period;
  asOf: Date;
  /** Fields with something to count, the most received first. */
  fields: BreakdownRow[];
  /** Procedures with something to count, the most received first, with their field. */
  procedures: Array<BreakdownRow & { field: { code: string; name: string } }>;
}

/** The KPIs of the monthly trend (the directives' headline rates). */
export const TREND_KPIS = ['onTime', 'online', 'onlinePayment', 'digitized', 'satisfaction'] as const satisfies readonly KpiKey[];
export type TrendKpi = (typeof TREND_KPIS)[number];

export interface KpiTrend {
  unit: { code: string; name: string };
  months: Array<{ month: string; asOf: Date; kpis: Record<TrendKpi, KpiValue> }>;
}

export type RankingKey = KpiKey | 'score';

/** What a league table ranks by, as its "Xếp theo" choice lists them: the 766 score (the default) or one KPI. */
export const RANKING_CHOICES: ReadonlyArray<{ key: RankingKey; label: string }> = [
  { key: 'score', label: 'Điểm ước tính (766)' },
  ...KPI_KEYS.map((key) => ({ key, label: KPI_LABELS[key] })),
];

export const rankingLabel = (key: RankingKey): string => RANKING_CHOICES.find((c) => c.key === key)!.label;

/** The `chiso` parameter of a league page: one of RANKING_CHOICES, the score when absent or unknown. */
export const rankingKeyParam = z
  .enum(['score', ...KPI_KEYS])
  .catch('score')
  .default('score');

export interface RankingRow {
  unit: { code: string; name: string };
  rank: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Dossiers behind the value: the KPI's denominator; for the score, the on-time denominator. */
  sample: number;
  target: number | null;
  met: boolean | null;
  previous: { rank: number | null; value: number | null };
  /** Places gained since the previous period (positive = up), when ranked in both. */
  rankChange: number | null;
  valueChange: number | null;
  /** Every KPI of the unit with its numerator and denominator, when asked for (a published record keeps them). */
  kpis?: Record<KpiKey, KpiValue>;
}

export interface Rankings {
  parent: { code: string; name: string };
  level: UnitLevel;
  kpi: RankingKey;
  period: Period;
  previousPeriod: Period;
  asOf: Date;
  minSample: number;
  rows: RankingRow[];
}

export interface UnitCounts {
  /** Dossiers received in the period. */
  received: number;
  /** Dossiers whose end of processing E falls in the period. */
  resolved: number;
  /** Of those, early or on time (SPEC §2). */
  resolvedOnTime: number;
  /** Received by T and not ended by T. */
  pending: number;
  /** Of those, already late at T. */
  pendingLate: number;
  /** 766 ref 2.1: resolved early or on time + pending not late, over resolved + pending. */
  onTime: Ratio;
}

export interface OverviewRow extends UnitCounts {
  code: string;
  name: string;
  path: string;
  level: UnitRef['level'];
}

export interface Overview {
  /** The unit the overview is about (the province by default); null when there are no units at all. */
  unit: { code: string; name: string; level: UnitRef['level'] } | null;
  period: Period;
  /** T = min(end of the period, now). */
  asOf: Date;
  totals: UnitCounts;
  rows: OverviewRow[];
}

export interface LateUnit {
  unit: { code: string; name: string; level: UnitLevel; path: string };
  resolvedLate: number;
  pendingLate: number;
  /** Late (resolved late + pending late) over resolved + pending: 1 − the on-time rate's base, as a ratio. */
  lateRate: Ratio;
  /** Of the late dossiers, those for which an apology letter was issued (NgayXinLoi present). */
  apologized: number;
}

export interface LateHandler {
  handler: string;
  unit: { code: string; name: string };
  resolvedLate: number;
  pendingLate: number;
  /** Of the late dossiers, those for which an apology letter was issued. */
  apologized: number;
}

export interface OverdueRow {
  code: string;
  status: 'resolved_late' | 'pending_late';
  unit: { code: string; name: string };
  procedure: { code: string; name: string };
  field: { code: string; name: string };
  handler: string | null;
  receivedAt: Date;
  dueAt: Date;
  endedAt: Date | null;
  /** Working days from the local day of D to that of E − S (or T − S while pending); at least 0. */
  daysLate: number;
  apologyAt: Date | null;
}

export interface OverdueList {
  unit: { code: string; name: string };
  period: Period;
  filter: OverdueFilter;
  asOf: Date;
  total: number;
  page: number;
  pageSize: number;
  rows: OverdueRow[];
}

export interface NearDueRow {
  code: string;
  unit: { code: string; name: string };
  procedure: { code: string; name: string };
  handler: string | null;
  receivedAt: Date;
  /** D + S: late after this instant. */
  lateAfter: Date;
}

export interface NearDueList {
  /** The end of the window: dossiers late after at most this instant. */
  until: Date;
  total: number;
  rows: NearDueRow[];
}

/** A unit version's place in the 2025 reorganisation, for its page (SPEC §6). */
export interface UnitLineage {
  validFrom: string | null;
  validTo: string | null;
  /** The unit its dossiers count under in the current view, when another one. */
  representative: { code: string; name: string; path: string } | null;
  /** `path`: where the unit is counted today, which decides who may open its page. */
  successors: Array<{ code: string; name: string; path: string; effectiveOn: string; share: number | null; primary: boolean }>;
  /** `counted`: the predecessor's dossiers count under this unit in the current view (whole, or as a split's primary part). */
  predecessors: Array<{ code: string; name: string; path: string; effectiveOn: string; share: number | null; counted: boolean }>;
}
