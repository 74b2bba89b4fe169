// A published month's frozen record (SPEC §7): what the public pages, the API and the notice read — computed once when
// the month is published, stored as JSON (dates as ISO strings), never recomputed. Pure: no database, no framework.
import type { KpiCounts, KpiKey, Period, Ratio, UnitLevel } from '@/lib/kpi';
import type { KpiValue, LateHandler, RankingRow } from '@/lib/views';

/** The shape's version, stored in each record: a later format can still read older records. */
export const RECORD_FORMAT = 1;

/** A unit of the structure in force at the month's end (SPEC §6 historical view). */
export interface PublishedUnit {
  code: string;
  name: string;
  level: UnitLevel;
  /** The parent's code, null for a province. */
  parent: string | null;
}

/** A row of a league table: its rank by the 766 score, and every KPI with its numerator and denominator. */
export interface PublishedRankingRow extends RankingRow {
  kpis: Record<KpiKey, KpiValue>;
}

export interface PublishedTable {
  parent: { code: string; name: string };
  level: UnitLevel;
  /** The level's name at the month's end ("Xã, phường, thị trấn" under districts, "Xã, phường, đặc khu" without). */
  levelLabel: string;
  minSample: number;
  rows: PublishedRankingRow[];
}

/** A province's results for the month against its targets (the notice's first part). */
export interface PublishedOverall {
  unit: { code: string; name: string };
  counts: KpiCounts;
  kpis: Record<KpiKey, KpiValue>;
  score: { value: number | null; target: number | null; met: boolean | null };
}

export interface PublishedLateUnit {
  unit: { code: string; name: string; level: UnitLevel };
  resolvedLate: number;
  pendingLate: number;
  lateRate: Ratio;
  /** Late dossiers for which an apology letter was issued (NgayXinLoi present). */
  apologized: number;
}

export interface PublishedRecord {
  format: typeof RECORD_FORMAT;
  /** 'YYYY-MM'. */
  month: string;
  period: Period;
  /** T of the figures: the end of the month (or the moment of publishing, if earlier). */
  asOf: Date;
  publishedAt: Date;
  publishedBy: string;
  showHandlers: boolean;
  /** The provinces in force at the month's end: one, or two before a merger (old Kon Tum and old Quảng Ngãi). */
  overall: PublishedOverall[];
  tables: PublishedTable[];
  lateUnits: PublishedLateUnit[];
  /** The officials with late dossiers — null when the province chose not to name them. */
  lateHandlers: LateHandler[] | null;
  /** The unit structure of the month: codes, names, levels, parents. */
  units: PublishedUnit[];
}

/** The record as stored and as the API answers it: the same shape with dates as ISO strings. */
export type StoredRecord = Omit<PublishedRecord, 'asOf' | 'publishedAt'> & { asOf: string; publishedAt: string };

export function serializeRecord(record: PublishedRecord): StoredRecord {
  return { ...record, asOf: record.asOf.toISOString(), publishedAt: record.publishedAt.toISOString() };
}

export function parseRecord(stored: StoredRecord): PublishedRecord {
  if (stored.format !== RECORD_FORMAT) throw new Error(`Unknown published record format ${String(stored.format)}`);
  return { ...stored, asOf: new Date(stored.asOf), publishedAt: new Date(stored.publishedAt) };
}

/**
 * A level's name as the province's documents wrote it in a structure: communes are "xã, phường, thị trấn" under
 * districts (before 1/7/2025), "xã, phường, đặc khu" in the two-level structure without them (SPEC §6).
 */
export function levelLabelIn(level: UnitLevel, hasDistricts: boolean): string {
  switch (level) {
    case 'tinh':
      return 'Cấp tỉnh';
    case 'so_nganh':
      return 'Sở, ban, ngành';
    case 'huyen':
      return 'Huyện, thị xã, thành phố';
    case 'xa':
      return hasDistricts ? 'Xã, phường, thị trấn' : 'Xã, phường, đặc khu';
  }
}

/** What changed from one version to the next: what a reader of an adjusted notice needs to see. */
export interface RecordDiff {
  /** Units whose rank or score changed, per table. */
  ranking: Array<{
    table: string;
    unit: { code: string; name: string };
    before: { rank: number | null; value: number | null } | null;
    after: { rank: number | null; value: number | null } | null;
  }>;
  lateAdded: Array<{ code: string; name: string }>;
  lateRemoved: Array<{ code: string; name: string }>;
  /** Units whose late counts changed while on both lists. */
  lateChanged: Array<{ code: string; name: string; before: number; after: number }>;
}

const tableKey = (t: PublishedTable) => `${t.parent.code}|${t.level}`;
const late = (u: PublishedLateUnit) => u.resolvedLate + u.pendingLate;

/** The differences between an earlier version `a` and a later one `b`. Scores are compared to the displayed precision. */
export function diffRecords(a: PublishedRecord, b: PublishedRecord): RecordDiff {
  const shown = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  const ranking: RecordDiff['ranking'] = [];
  const before = new Map(a.tables.map((t) => [tableKey(t), t]));
  for (const t of b.tables) {
    const old = new Map((before.get(tableKey(t))?.rows ?? []).map((r) => [r.unit.code, r]));
    const label = `${t.levelLabel} (${t.parent.name})`;
    for (const r of t.rows) {
      const o = old.get(r.unit.code);
      old.delete(r.unit.code);
      const now = { rank: r.rank, value: r.value };
      if (!o) ranking.push({ table: label, unit: r.unit, before: null, after: now });
      else if (o.rank !== r.rank || shown(o.value) !== shown(r.value))
        ranking.push({ table: label, unit: r.unit, before: { rank: o.rank, value: o.value }, after: now });
    }
    for (const o of old.values())
      ranking.push({ table: label, unit: o.unit, before: { rank: o.rank, value: o.value }, after: null });
  }
  const lateBefore = new Map(a.lateUnits.map((u) => [u.unit.code, u]));
  const lateAfter = new Map(b.lateUnits.map((u) => [u.unit.code, u]));
  const name = (u: PublishedLateUnit) => ({ code: u.unit.code, name: u.unit.name });
  return {
    ranking,
    lateAdded: b.lateUnits.filter((u) => !lateBefore.has(u.unit.code)).map(name),
    lateRemoved: a.lateUnits.filter((u) => !lateAfter.has(u.unit.code)).map(name),
    lateChanged: b.lateUnits.flatMap((u) => {
      const o = lateBefore.get(u.unit.code);
      return o && late(o) !== late(u) ? [{ ...name(u), before: late(o), after: late(u) }] : [];
    }),
  };
}

/** Whether a diff has anything to show. */
export const isEmptyDiff = (d: RecordDiff) =>
  d.ranking.length + d.lateAdded.length + d.lateRemoved.length + d.lateChanged.length === 0;
