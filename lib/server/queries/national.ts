// The national reads (issue 20), on a national database that receives each province's units and unit-level roll-ups
// by logical replication: the league of provinces, the national leagues of communes and departments, and how current
// each province's figures are. The sums are the roll-up reader's (./rollups) on one province's rows at a time, and the
// KPIs lib/kpi's, so every figure equals what the province's own dashboard computes for the same period.
import 'server-only';
import { localDayOf } from '@/lib/calendar';
import {
  EMPTY_SUMS,
  asOfTime,
  rank,
  targetYear,
  type KpiCounts,
  type KpiKey,
  type KpiSums,
  type Period,
  type ScoreWeight,
  type TargetRule,
  type UnitLevel,
} from '@/lib/kpi';
import type { UnitView } from '@/lib/units';
import type { KpiValue, RankingKey, UnitRef } from '@/lib/views';
import type { Freshness } from '@/lib/server/federation/freshness';
import { FRESHNESS_SQL } from '@/lib/server/federation/freshness';
import { requestNow } from '@/lib/server/request-cache';
import { db, sql } from '@/lib/server/sql';
import { listScoreWeights, listTargetRules } from './catalog';
import { evaluate, rankedValue } from './report';
import { readRollups } from './rollups';
import { inForce, unitDay } from './units';

/** How current each federated province's figures are ("số liệu đến …"); a province not live is stale. */
export async function listProvinceFreshness(): Promise<Freshness[]> {
  const { rows } = await sql<Freshness>`${sql.raw(FRESHNESS_SQL)}`.execute(db());
  return rows.map((r) => ({ name: r.name, province: r.province, live: r.live, asOf: r.asOf }));
}

/** One row of a national league. */
export interface NationalRow {
  /** The province's identity and federated name. */
  province: string;
  provinceName: string;
  unit: { code: string; name: string; level: UnitLevel };
  rank: number | null;
  /** The ranked KPI's (or the score's) value, its sample, the province's target for it and whether it is met. */
  value: number | null;
  sample: number;
  target: number | null;
  met: boolean | null;
  /** Each KPI with the province's own target for the unit, and whether it is met. */
  kpis: Record<KpiKey, KpiValue>;
  counts: KpiCounts;
  /** The 766 score estimate: this (national) database's weights, the province's score target. */
  score: { value: number | null; target: number | null; met: boolean | null };
}

export interface NationalLeague {
  kpi: RankingKey;
  period: Period;
  asOf: Date;
  minSample: number;
  rows: NationalRow[];
  freshness: Freshness[];
}

export interface NationalOptions {
  /** What the league ranks by (default: the score, as a province's league tables). */
  kpi?: RankingKey;
  minSample?: number;
  now?: Date;
  /** Only this province (its identity), for a national league of communes or departments. */
  province?: string | null;
  /**
   * SPEC §6: today's units, the earlier ones restated through their successions (`current`, the default), or the units
   * in force at the period's end (`historical`: before a merger of provinces, each province of the time on its own).
   */
  view?: UnitView;
}

const UNIT_REF = ['id', 'code', 'name', 'level', 'path'] as const;

/**
 * A federated province's root units in force on `day` (its own trees' tops): today one; on a day before a merger of
 * provinces, each province of the time whose units the database holds (new Quảng Ngãi's: old Quảng Ngãi and Kon Tum).
 */
async function listProvinceRoots(province: string, day: string): Promise<UnitRef[]> {
  return db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where('province', '=', province)
    .where('parent_id', 'is', null)
    .where(inForce(day))
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** A province's units of one level in force on `day`, in its own order. */
async function listProvinceUnits(province: string, level: UnitLevel, day: string): Promise<UnitRef[]> {
  return db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where('province', '=', province)
    .where('level', '=', sql<UnitLevel>`${level}::unit_level`)
    .where(inForce(day))
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

/** The sums of some units of one province, in the view asked for (SPEC §6). */
async function provinceSums(province: string, units: readonly UnitRef[], period: Period, now: Date, view: UnitView) {
  const [sums] = await readRollups({ units, periods: [period], by: 'unit', now, province, view });
  return sums!;
}

interface Entry {
  province: Freshness;
  unit: UnitRef;
  sums: KpiSums;
  /** The province's targets of the period's year. */
  rules: TargetRule[];
}

async function league(
  entries: Entry[],
  period: Period,
  options: NationalOptions,
  now: Date,
  freshness: Freshness[],
): Promise<NationalLeague> {
  const kpi = options.kpi ?? 'score';
  const minSample = options.minSample ?? 10;
  const weights: ScoreWeight[] = await listScoreWeights();
  const rows = entries.map((e) => {
    // The province report's own evaluation: KPIs, targets and score (SPEC §3).
    const evaluated = evaluate(e.unit, e.sums, period, e.rules, weights, null);
    const ranked = rankedValue(evaluated, kpi);
    return {
      province: e.province.province,
      provinceName: e.province.name,
      unit: { code: e.unit.code, name: e.unit.name, level: e.unit.level },
      kpis: evaluated.kpis,
      counts: evaluated.counts,
      score: { value: evaluated.score.value, target: evaluated.score.target, met: evaluated.score.met },
      value: ranked.value,
      sample: ranked.sample,
      target: ranked.target,
      met: ranked.met,
    };
  });
  const ranked = rank(
    rows.map((r, i) => ({ key: i, value: r.value, sample: r.sample })),
    minSample,
  );
  return {
    kpi,
    period,
    asOf: asOfTime(period, now),
    minSample,
    rows: ranked.map((r) => ({ ...rows[r.key]!, rank: r.rank })),
    freshness,
  };
}

/**
 * The league of provinces: each federated province's KPIs over the period, from the roll-ups of its root unit's subtree
 * (its units of today, restated through its successions), ranked by one KPI. Pending is as at the end of the period's
 * last day (the national side has no dossiers to judge "now" by), and a stale province shows its last figures.
 */
export async function getProvinceLeague(period: Period, options: NationalOptions = {}): Promise<NationalLeague> {
  const now = options.now ?? requestNow();
  const view = options.view ?? 'current';
  const day = unitDay(view, period, now);
  const freshness = await listProvinceFreshness();
  const entries = await Promise.all(
    freshness.map(async (p) => {
      const roots = await listProvinceRoots(p.province, day);
      if (roots.length === 0) return [];
      const [sums, rules] = await Promise.all([
        provinceSums(p.province, roots, period, now, view),
        listTargetRules(targetYear(period), p.province),
      ]);
      return roots.map((unit) => ({ province: p, unit, sums: sums.get(unit.id) ?? { ...EMPTY_SUMS }, rules }));
    }),
  );
  return await league(entries.flat(), period, options, now, freshness);
}

/**
 * A national league of one level of units (communes `xa`, departments `so_nganh`), every province's or one's
 * (`options.province`), ranked together by one KPI.
 */
export async function getNationalUnitLeague(
  level: UnitLevel,
  period: Period,
  options: NationalOptions = {},
): Promise<NationalLeague> {
  const now = options.now ?? requestNow();
  const view = options.view ?? 'current';
  const day = unitDay(view, period, now);
  const freshness = await listProvinceFreshness();
  const provinces = freshness.filter((p) => !options.province || p.province === options.province);
  const perProvince = await Promise.all(
    provinces.map(async (p) => {
      const units = await listProvinceUnits(p.province, level, day);
      const [sums, rules] = await Promise.all([
        provinceSums(p.province, units, period, now, view),
        listTargetRules(targetYear(period), p.province),
      ]);
      return units.map((unit) => ({ province: p, unit, sums: sums.get(unit.id) ?? { ...EMPTY_SUMS }, rules }));
    }),
  );
  return await league(perProvince.flat(), period, options, now, freshness);
}

/** A federated province as the national pages name it: its freshness and today's root unit (its name). */
export interface FederatedProvince extends Freshness {
  /** Today's root unit's name, else the federation's name for it (before its units are copied). */
  displayName: string;
  rootCode: string | null;
}

/** The federated provinces, each with how current its figures are and its name today, in name order. */
export async function listFederatedProvinces(now: Date = requestNow()): Promise<FederatedProvince[]> {
  const day = localDayOf(now);
  const freshness = await listProvinceFreshness();
  const out = await Promise.all(
    freshness.map(async (p) => {
      const [root] = await listProvinceRoots(p.province, day);
      return { ...p, displayName: root?.name ?? p.name, rootCode: root?.code ?? null };
    }),
  );
  return out.sort((x, y) => x.displayName.localeCompare(y.displayName, 'vi'));
}
