// The KPI report of a unit and the league tables (SPEC §3, §5): sums from the roll-ups, formulas from lib/kpi.
import 'server-only';
import { NotFoundError } from '@/lib/server/errors';
import {
  TREND_KPIS,
  type Breakdown,
  type BreakdownRow,
  type KpiReport,
  type KpiTrend,
  type KpiValue,
  type RankingKey,
  type Rankings,
  type TrendKpi,
} from '@/lib/views';
import { addLocalMonths, monthRange } from '@/lib/calendar';
import {
  KPI_KEYS,
  addSums,
  asOfTime,
  computeScore,
  countsFromSums,
  isMet,
  kpisFromSums,
  previousPeriod,
  rank,
  resolveTarget,
  targetYear,
  type KpiKey,
  type KpiSums,
  type Ratio,
  type Period,
  type ScoreWeight,
  type TargetRule,
  type UnitLevel,
} from '@/lib/kpi';
import { findField, findProcedure, listScoreWeights, listTargetRules, listProcedures } from './catalog';
import type { UnitView } from '@/lib/units';
import { findUnit, listUnitsUnder, unitDay } from './units';
import { sumKpis, sumKpisByMonth, sumKpisByProcedure, sumKpisEach, type KpiFilter } from './rollups';
import { requestNow } from '@/lib/server/request-cache';
import { type UnitRef } from '@/lib/views';

export interface ReportOptions {
  fieldCode?: string | null;
  procedureCode?: string | null;
  now?: Date;
  /** Units as they are today (default) or as they were (SPEC §6). */
  view?: UnitView;
}

export async function resolveFilter(
  options: ReportOptions,
): Promise<{ filter: KpiFilter; field: string | null; procedure: string | null }> {
  let fieldId: number | null = null;
  let procedureId: number | null = null;
  if (options.fieldCode) {
    const field = await findField(options.fieldCode);
    if (!field) throw new NotFoundError('field_not_found', `Không có lĩnh vực mã "${options.fieldCode}".`);
    fieldId = field.id;
  }
  if (options.procedureCode) {
    const procedure = await findProcedure(options.procedureCode);
    if (!procedure) throw new NotFoundError('procedure_not_found', `Không có thủ tục mã "${options.procedureCode}".`);
    procedureId = procedure.id;
    fieldId ??= procedure.fieldId; // a procedure belongs to one field: its field's targets apply
  }
  return { filter: { fieldId, procedureId }, field: options.fieldCode ?? null, procedure: options.procedureCode ?? null };
}

/** The unit of a code in force on `day` (SPEC §6: the same code can name two units at two times). */
async function requireUnit(code: string, day?: string): Promise<UnitRef> {
  const unit = await findUnit(code, day);
  if (!unit) throw new NotFoundError('unit_not_found', `Không có đơn vị mã "${code}".`);
  return unit;
}

/** Each KPI of one unit from its sums, with the target that applies to it and whether it is met (SPEC §3). */
function kpisWithTargets(
  unit: UnitRef,
  ratios: Record<KpiKey, Ratio>,
  period: Period,
  rules: TargetRule[],
  fieldId: number | null,
): Record<KpiKey, KpiValue> {
  // Objects written out, not spread: a league evaluates thousands of units (see copySums).
  const year = targetYear(period);
  const out = {} as Record<KpiKey, KpiValue>;
  for (const key of KPI_KEYS) {
    const r = ratios[key];
    const rule = resolveTarget(rules, { kpi: key, year, unitPath: unit.path, level: unit.level, fieldId });
    const target = rule?.threshold ?? null;
    out[key] = { numerator: r.numerator, denominator: r.denominator, value: r.value, target, met: isMet(r.value, target) };
  }
  return out;
}

/** KPIs, targets and score of one unit from its sums. */
export function evaluate(
  unit: UnitRef,
  sums: KpiSums,
  period: Period,
  rules: TargetRule[],
  weights: ScoreWeight[],
  fieldId: number | null,
) {
  const ratios = kpisFromSums(sums);
  const year = targetYear(period);
  const kpis = kpisWithTargets(unit, ratios, period, rules, fieldId);
  const score = computeScore(ratios, weights);
  const scoreRule = resolveTarget(rules, { kpi: 'score', year, unitPath: unit.path, level: unit.level, fieldId });
  const scoreTarget = scoreRule?.threshold ?? null;
  // Score targets are points out of 100; stored as a fraction like every threshold.
  const scoreThreshold = scoreTarget === null ? null : scoreTarget * 100;
  return {
    kpis,
    counts: countsFromSums(sums),
    score: { value: score.value, target: scoreThreshold, met: isMet(score.value, scoreThreshold), parts: score.parts },
  };
}

export async function getKpiReport(unitCode: string, period: Period, options: ReportOptions = {}): Promise<KpiReport> {
  const now = options.now ?? requestNow();
  const view = options.view ?? 'current';
  const unit = await requireUnit(unitCode, unitDay(view, period, now));
  const { filter, field, procedure } = await resolveFilter(options);
  const [sums, rules, weights] = await Promise.all([
    sumKpis([unit], period, now, filter, view),
    listTargetRules(targetYear(period)),
    listScoreWeights(),
  ]);
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    period,
    asOf: asOfTime(period, now),
    filter: { field, procedure },
    ...evaluate(unit, sums.get(unit.id)!, period, rules, weights, filter.fieldId),
  };
}

/** A unit's KPIs per field and per procedure (each with the targets of that field) from one grouped sum. */
export async function getBreakdown(
  unitCode: string,
  period: Period,
  now = requestNow(),
  view: UnitView = 'current',
): Promise<Breakdown> {
  const unit = await requireUnit(unitCode, unitDay(view, period, now));
  const [byProcedure, procedures, rules, weights] = await Promise.all([
    sumKpisByProcedure(unit, period, now, view),
    listProcedures(),
    listTargetRules(targetYear(period)),
    listScoreWeights(),
  ]);
  const info = new Map(procedures.map((p) => [p.id, p]));
  const fieldSums = new Map<number, { field: { id: number; code: string; name: string }; sums: KpiSums }>();
  const procedureRows: Breakdown['procedures'] = [];
  for (const [id, sums] of byProcedure) {
    const p = info.get(id);
    if (!p) continue; // feedback (PAKN) not tied to a procedure has no field
    const { kpis, counts } = evaluate(unit, sums, period, rules, weights, p.field.id);
    procedureRows.push({ code: p.code, name: p.name, field: { code: p.field.code, name: p.field.name }, counts, kpis });
    const f = fieldSums.get(p.field.id);
    fieldSums.set(p.field.id, { field: p.field, sums: f ? addSums(f.sums, sums) : sums });
  }
  const byReceived = (a: BreakdownRow, b: BreakdownRow) =>
    b.counts.received - a.counts.received || a.name.localeCompare(b.name, 'vi');
  return {
    unit: { code: unit.code, name: unit.name },
    period,
    asOf: asOfTime(period, now),
    fields: [...fieldSums.values()]
      .map(({ field, sums }) => {
        const { kpis, counts } = evaluate(unit, sums, period, rules, weights, field.id);
        return { code: field.code, name: field.name, counts, kpis };
      })
      .sort(byReceived),
    procedures: procedureRows.sort(byReceived),
  };
}

/** The trend KPIs of a unit for each of the `count` months ending with `last` (YYYY-MM), with each month's targets. */
export async function getKpiTrend(
  unitCode: string,
  last: string,
  count = 12,
  now = requestNow(),
  view: UnitView = 'current',
): Promise<KpiTrend> {
  const unit = await requireUnit(unitCode, unitDay(view, monthRange(`${last}-01`), now));
  const first = addLocalMonths(`${last}-01`, -(count - 1)).slice(0, 7);
  const years = [...new Set([Number(first.slice(0, 4)), Number(last.slice(0, 4))])];
  const [sums, weights, ...ruleSets] = await Promise.all([
    sumKpisByMonth(unit, first, last, now, view),
    listScoreWeights(),
    ...years.map((y) => listTargetRules(y)),
  ]);
  const rules = new Map(years.map((y, i) => [y, ruleSets[i]!]));
  return {
    unit: { code: unit.code, name: unit.name },
    months: [...sums].map(([month, s]) => {
      const period = monthRange(`${month}-01`);
      const { kpis } = evaluate(unit, s, period, rules.get(targetYear(period))!, weights, null);
      return {
        month,
        asOf: asOfTime(period, now),
        kpis: Object.fromEntries(TREND_KPIS.map((k) => [k, kpis[k]])) as Record<TrendKpi, KpiValue>,
      };
    }),
  };
}

export interface RankingOptions extends ReportOptions {
  kpi?: RankingKey;
  minSample?: number;
  /** Each row with every KPI (numerators and denominators): what a published record keeps. */
  withKpis?: boolean;
}

/** What a league table ranks a unit by: one KPI, or the score (its sample: the on-time rate's dossiers). */
/**
 * What a unit is ranked by, from its sums alone — the value and its sample as `rankedValue` gives them, without the
 * targets (a previous period's rank needs no more).
 */
export function rankingValue(sums: KpiSums, kpi: RankingKey, weights: ScoreWeight[]): { value: number | null; sample: number } {
  const ratios = kpisFromSums(sums);
  if (kpi === 'score') return { value: computeScore(ratios, weights).value, sample: ratios.onTime.denominator };
  return { value: ratios[kpi].value, sample: ratios[kpi].denominator };
}

export function rankedValue(e: ReturnType<typeof evaluate>, kpi: RankingKey) {
  if (kpi === 'score') {
    return {
      value: e.score.value,
      numerator: null,
      denominator: null,
      sample: e.kpis.onTime.denominator,
      target: e.score.target,
      met: e.score.met,
      kpis: e.kpis,
    };
  }
  const k = e.kpis[kpi];
  return {
    value: k.value,
    numerator: k.numerator,
    denominator: k.denominator,
    sample: k.denominator,
    target: k.target,
    met: k.met,
    kpis: e.kpis,
  };
}

export async function getRankings(
  parentCode: string,
  level: UnitLevel,
  period: Period,
  options: RankingOptions = {},
): Promise<Rankings> {
  const now = options.now ?? requestNow();
  const kpi = options.kpi ?? 'score';
  const minSample = options.minSample ?? 10;
  const view = options.view ?? 'current';
  // In the current view today's units; in the historical one, those in force at the period's end (SPEC §6).
  const day = unitDay(view, period, now);
  const parent = await requireUnit(parentCode, day);
  const { filter } = await resolveFilter(options);
  const units = await listUnitsUnder(parent, level, day);
  const previous = previousPeriod(period);
  const [[current, before], rules, weights] = await Promise.all([
    sumKpisEach(units, [period, previous], now, filter, view),
    listTargetRules(targetYear(period)),
    listScoreWeights(),
  ]);

  const now_ = units.map((u) => rankedValue(evaluate(u, current!.get(u.id)!, period, rules, weights, filter.fieldId), kpi));
  // The previous period: the same units' values and ranks only (no targets needed).
  const then = units.map((u) => rankingValue(before!.get(u.id)!, kpi, weights));
  const rankedNow = rank(
    now_.map((r, i) => ({ key: i, value: r.value, sample: r.sample })),
    minSample,
  );
  const rankedThen = rank(
    then.map((r, i) => ({ key: i, value: r.value, sample: r.sample })),
    minSample,
  );
  const rankThen: Array<number | null> = [];
  for (const r of rankedThen) rankThen[r.key] = r.rank;

  return {
    parent: { code: parent.code, name: parent.name },
    level,
    kpi,
    period,
    previousPeriod: previous,
    asOf: asOfTime(period, now),
    minSample,
    rows: rankedNow.map((ranked) => {
      const row = now_[ranked.key]!;
      const unit = units[ranked.key]!;
      const old = { rank: rankThen[ranked.key]!, value: then[ranked.key]!.value };
      return {
        unit: { code: unit.code, name: unit.name },
        rank: ranked.rank,
        value: row.value,
        numerator: row.numerator,
        denominator: row.denominator,
        sample: row.sample,
        target: row.target,
        met: row.met,
        previous: { rank: old.rank, value: old.value },
        rankChange: ranked.rank !== null && old.rank !== null ? old.rank - ranked.rank : null,
        valueChange: row.value !== null && old.value !== null ? row.value - old.value : null,
        ...(options.withKpis ? { kpis: row.kpis } : {}),
      };
    }),
  };
}
