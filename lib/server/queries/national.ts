// The national reads (issue 20), on a national database that receives each province's units and unit-level roll-ups
// by logical replication: the league of provinces, the national leagues of communes and departments, and how current
// each province's figures are. The sums are the roll-up reader's (./rollups) on every province's rows at once, and the
// KPIs lib/kpi's, so every figure equals what the province's own dashboard computes for the same period.
import 'server-only';
import { localDayOf } from '@/lib/calendar';
import { asOfTime, previousPeriod, rank, targetYear, type KpiCounts, type KpiKey, type Period, type UnitLevel } from '@/lib/kpi';
import type { UnitView } from '@/lib/units';
import type { KpiValue, RankingKey, UnitRef } from '@/lib/views';
import type { Freshness } from '@/lib/server/federation/freshness';
import { FRESHNESS_SQL } from '@/lib/server/federation/freshness';
import { requestNow } from '@/lib/server/request-cache';
import { db, sql } from '@/lib/server/sql';
import { listScoreWeights, listTargetRulesByProvince } from './catalog';
import { evaluate, rankedValue, rankingValue } from './report';
import { readNationalRollups } from './rollups';
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
  /** The same unit in the previous period (its rank among the same units then); nulls when not compared. */
  previous: { rank: number | null; value: number | null };
  /** Places gained since the previous period (positive: up), and the value's change; null when either is missing. */
  rankChange: number | null;
  valueChange: number | null;
}

export interface NationalLeague {
  kpi: RankingKey;
  period: Period;
  /** The period compared with (the one before, as a province's league tables), or null. */
  previousPeriod: Period | null;
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
  /** Also rank the same units over the previous period, for the change since then (default: true). */
  compare?: boolean;
}

const UNIT_REF = ['id', 'code', 'name', 'level', 'path', 'province'] as const;
type ProvinceUnit = UnitRef & { province: string };

/**
 * The root units in force on `day` of every province (their own trees' tops), in each province's order: today one a
 * province; on a day before a merger of provinces, each province of the time whose units the database holds (new
 * Quảng Ngãi's: old Quảng Ngãi and Kon Tum).
 */
async function listRoots(day: string): Promise<ProvinceUnit[]> {
  return db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where('parent_id', 'is', null)
    .where(inForce(day))
    .orderBy('province')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** The units of one level in force on `day` of every province or one, in each province's own order. */
async function listLevel(level: UnitLevel, day: string, province: string | null): Promise<ProvinceUnit[]> {
  return db()
    .selectFrom('units')
    .select(UNIT_REF)
    .where('level', '=', sql<UnitLevel>`${level}::unit_level`)
    .where(inForce(day))
    .$if(province !== null, (q) => q.where('province', '=', province!))
    .orderBy('province')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

/**
 * A national league of some units of the federated provinces: their sums over the period in one read for all
 * provinces (./rollups), each evaluated against its own province's targets, ranked together.
 */
async function league(
  units: readonly ProvinceUnit[],
  provinces: readonly Freshness[],
  period: Period,
  options: NationalOptions,
  now: Date,
  freshness: Freshness[],
): Promise<NationalLeague> {
  const kpi = options.kpi ?? 'score';
  const minSample = options.minSample ?? 10;
  const view = options.view ?? 'current';
  const previous = options.compare === false ? null : previousPeriod(period);
  // The provinces' order, then each province's own.
  const order = new Map(provinces.map((p, i) => [p.province, i]));
  const targets = units
    .filter((u) => order.has(u.province))
    .sort((x, y) => order.get(x.province)! - order.get(y.province)!)
    .map((unit) => ({ province: unit.province, unit }));
  const [sums, rules, weights] = await Promise.all([
    readNationalRollups(targets, previous ? [period, previous] : [period], now, view),
    listTargetRulesByProvince(targetYear(period)),
    listScoreWeights(),
  ]);
  /** lib/kpi's rank of the values, by their index: ranked ones first, best first (equal values share a rank), then
   * the unranked in their order. */
  const rankAll = (values: ReadonlyArray<{ value: number | null; sample: number }>) =>
    rank(
      values.map((v, i) => ({ key: i, value: v.value, sample: v.sample })),
      minSample,
    );
  const ranksOf = (ranked: ReturnType<typeof rankAll>) => {
    const out: Array<number | null> = [];
    for (const r of ranked) out[r.key] = r.rank;
    return out;
  };
  // The province report's own evaluation of each unit: KPIs, the province's targets and the score (SPEC §3).
  const evaluated = targets.map(({ province, unit }, i) =>
    evaluate(unit, sums[0]![i]!, period, rules.get(province) ?? [], weights, null),
  );
  const values = evaluated.map((e) => rankedValue(e, kpi));
  const listed = rankAll(values);
  const ranks = ranksOf(listed);
  // The previous period: the same units' values and ranks only.
  const before = previous ? sums[1]!.map((x) => rankingValue(x, kpi, weights)) : null;
  const ranksBefore = before ? ranksOf(rankAll(before)) : null;
  const rows = targets.map(({ province, unit }, i): NationalRow => {
    const p = provinces[order.get(province)!]!;
    const e = evaluated[i]!;
    const v = values[i]!;
    const place = ranks[i]!;
    const was = { rank: ranksBefore?.[i] ?? null, value: before?.[i]!.value ?? null };
    return {
      province: p.province,
      provinceName: p.name,
      unit: { code: unit.code, name: unit.name, level: unit.level },
      kpis: e.kpis,
      counts: e.counts,
      score: { value: e.score.value, target: e.score.target, met: e.score.met },
      value: v.value,
      sample: v.sample,
      target: v.target,
      met: v.met,
      rank: place,
      previous: was,
      rankChange: place !== null && was.rank !== null ? was.rank - place : null,
      valueChange: v.value !== null && was.value !== null ? v.value - was.value : null,
    };
  });
  return {
    kpi,
    period,
    previousPeriod: previous,
    asOf: asOfTime(period, now),
    minSample,
    rows: listed.map((r) => rows[r.key]!),
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
  const day = unitDay(options.view ?? 'current', period, now);
  const [freshness, roots] = await Promise.all([listProvinceFreshness(), listRoots(day)]);
  return await league(roots, freshness, period, options, now, freshness);
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
  const day = unitDay(options.view ?? 'current', period, now);
  const province = options.province || null; // '' as absent: every province
  const [freshness, units] = await Promise.all([listProvinceFreshness(), listLevel(level, day, province)]);
  const provinces = freshness.filter((p) => province === null || p.province === province);
  return await league(units, provinces, period, options, now, freshness);
}

/** A federated province as the national pages name it: its freshness and today's root unit (its name). */
export interface FederatedProvince extends Freshness {
  /** Today's root unit's name, else the federation's name for it (before its units are copied). */
  displayName: string;
  rootCode: string | null;
}

/** The federated provinces, each with how current its figures are and its name today, in name order. */
export async function listFederatedProvinces(now: Date = requestNow()): Promise<FederatedProvince[]> {
  const [freshness, roots] = await Promise.all([listProvinceFreshness(), listRoots(localDayOf(now))]);
  const rootOf = new Map<string, ProvinceUnit>();
  for (const r of roots) if (!rootOf.has(r.province)) rootOf.set(r.province, r);
  return freshness
    .map((p) => {
      const root = rootOf.get(p.province);
      return { ...p, displayName: root?.name ?? p.name, rootCode: root?.code ?? null };
    })
    .sort((x, y) => x.displayName.localeCompare(y.displayName, 'vi'));
}
