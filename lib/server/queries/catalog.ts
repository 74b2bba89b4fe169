// The catalogue the KPIs are read against: fields and procedures (TTHC), the targets of a year and the 766 score's
// weights.
import 'server-only';
import { KPI_KEYS, type KpiKey, type ScoreWeight, type TargetRule } from '@/lib/kpi';
import { db, sql } from '@/lib/server/sql';

export async function findField(code: string): Promise<{ id: number; code: string; name: string } | null> {
  const row = await db().selectFrom('fields').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
  return row ?? null;
}

/** Every procedure (TTHC) with its field, by name (a few thousand rows at most): for filters and breakdowns. */
export async function listProcedures(): Promise<
  Array<{ id: number; code: string; name: string; field: { id: number; code: string; name: string } }>
> {
  const rows = await db()
    .selectFrom('procedures as p')
    .innerJoin('fields as f', 'f.id', 'p.field_id')
    .select(['p.id', 'p.code', 'p.name', 'f.id as field_id', 'f.code as field_code', 'f.name as field_name'])
    .orderBy('p.name')
    .orderBy('p.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    field: { id: r.field_id, code: r.field_code, name: r.field_name },
  }));
}

export async function findProcedure(code: string): Promise<{ id: number; code: string; name: string; fieldId: number } | null> {
  const row = await db()
    .selectFrom('procedures')
    .select(['id', 'code', 'name', 'field_id as fieldId'])
    .where('code', '=', code)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Targets of a year, with the path of the unit each one is scoped to. `province`: that province's targets, in a
 * national database (issue 20), where unit ids are each province's own.
 */
export async function listTargetRules(year: number, province: string | null = null): Promise<TargetRule[]> {
  const rows = await targetRows(year, province === null ? LOCAL : { province });
  return rows.map(({ province: _, ...rule }) => rule);
}

/** A national database's targets of a year (issue 20), each province's with its units' paths, by province. */
export async function listTargetRulesByProvince(year: number): Promise<Map<string, TargetRule[]>> {
  const out = new Map<string, TargetRule[]>();
  for (const { province, ...rule } of await targetRows(year, { province: null })) {
    let rules = out.get(province);
    if (!rules) out.set(province, (rules = []));
    rules.push(rule);
  }
  return out;
}

/** Whose targets: this database's own (a province), or in a national database one province's or (null) every one's. */
type TargetScope = { province: string | null } | typeof LOCAL;
const LOCAL = 'local';

async function targetRows(year: number, scope: TargetScope): Promise<Array<TargetRule & { province: string }>> {
  const national = scope !== LOCAL;
  const province = national ? scope.province : null;
  const rows = await db()
    .selectFrom('targets as t')
    .leftJoin('units as u', (j) =>
      j.onRef('u.id', '=', 't.unit_id').$call((j) => (national ? j.onRef('u.province', '=', 't.province') : j)),
    )
    .select([
      't.id',
      't.province',
      // The column is text, held to the indicators and 'score' by the CHECK constraint targets_kpi_valid.
      sql<KpiKey | 'score'>`t.kpi`.as('kpi'),
      't.year',
      't.threshold',
      'u.path as unitPath',
      't.level',
      't.field_id as fieldId',
    ])
    .where('t.year', '=', year)
    .$if(province !== null, (q) => q.where('t.province', '=', province!))
    .execute();
  return rows.map((r) => ({ ...r, threshold: Number(r.threshold) }));
}

const KPI_KEY_SET: ReadonlySet<string> = new Set(KPI_KEYS);
const isKpiKey = (kpi: string): kpi is KpiKey => KPI_KEY_SET.has(kpi);

export async function listScoreWeights(): Promise<ScoreWeight[]> {
  const rows = await db()
    .selectFrom('kpi_weights')
    .select(['kpi', 'points', 'target'])
    .orderBy('points', 'desc')
    .orderBy('kpi')
    .execute();
  // kpi_weights.kpi is free text (no CHECK constraint): a weight of no known indicator is left out, as the score
  // (computeScore) would leave it out anyway, finding no value for it.
  return rows.flatMap((r) => (isKpiKey(r.kpi) ? [{ kpi: r.kpi, points: Number(r.points), target: Number(r.target) }] : []));
}

/** The fields (lĩnh vực) that have procedures, for filters. */
export async function listFields(): Promise<Array<{ code: string; name: string }>> {
  return db()
    .selectFrom('fields as f')
    .select(['f.code', 'f.name'])
    .where((eb) => eb.exists(eb.selectFrom('procedures as p').select(eb.lit(1).as('one')).whereRef('p.field_id', '=', 'f.id')))
    .orderBy('f.name')
    .execute();
}
