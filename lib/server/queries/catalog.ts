// The catalogue the KPIs are read against: fields and procedures (TTHC), the targets of a year and the 766 score's
// weights.
import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ScoreWeight, TargetRule } from '@/lib/kpi';
import { getDb } from '@/lib/server/db';

export async function findField(code: string): Promise<{ id: number; code: string; name: string } | null> {
  const rows = await getDb().$queryRaw<Array<{ id: number; code: string; name: string }>>`
    SELECT id, code, name FROM fields WHERE code = ${code}`;
  return rows[0] ?? null;
}

/** Every procedure (TTHC) with its field, by name (a few thousand rows at most): for filters and breakdowns. */
export async function listProcedures(): Promise<
  Array<{ id: number; code: string; name: string; field: { id: number; code: string; name: string } }>
> {
  const rows = await getDb().$queryRaw<
    Array<{ id: number; code: string; name: string; field_id: number; field_code: string; field_name: string }>
  >`
    SELECT p.id, p.code, p.name, f.id AS field_id, f.code AS field_code, f.name AS field_name
    FROM procedures p JOIN fields f ON f.id = p.field_id ORDER BY p.name, p.code`;
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    field: { id: r.field_id, code: r.field_code, name: r.field_name },
  }));
}

export async function findProcedure(code: string): Promise<{ id: number; code: string; name: string; fieldId: number } | null> {
  const rows = await getDb().$queryRaw<Array<{ id: number; code: string; name: string; fieldId: number }>>`
    SELECT id, code, name, field_id AS "fieldId" FROM procedures WHERE code = ${code}`;
  return rows[0] ?? null;
}

/** Targets of a year, with the path of the unit each one is scoped to. */
export async function listTargetRules(year: number): Promise<TargetRule[]> {
  const rows = await getDb().$queryRaw<Array<Omit<TargetRule, 'threshold'> & { threshold: Prisma.Decimal }>>`
    SELECT t.id, t.kpi, t.year, t.threshold, u.path AS "unitPath", t.level::text AS level, t.field_id AS "fieldId"
    FROM targets t LEFT JOIN units u ON u.id = t.unit_id WHERE t.year = ${year}`;
  return rows.map((r) => ({ ...r, threshold: Number(r.threshold) }));
}

export async function listScoreWeights(): Promise<ScoreWeight[]> {
  const rows = await getDb().$queryRaw<Array<{ kpi: ScoreWeight['kpi']; points: Prisma.Decimal; target: Prisma.Decimal }>>`
    SELECT kpi, points, target FROM kpi_weights ORDER BY points DESC, kpi`;
  return rows.map((r) => ({ kpi: r.kpi, points: Number(r.points), target: Number(r.target) }));
}

/** The fields (lĩnh vực) that have procedures, for filters. */
export async function listFields(): Promise<Array<{ code: string; name: string }>> {
  return getDb().$queryRaw<Array<{ code: string; name: string }>>`
    SELECT f.code, f.name FROM fields f WHERE EXISTS (SELECT 1 FROM procedures p WHERE p.field_id = f.id) ORDER BY f.name`;
}
