// Shared helpers for integration tests: a pg client on this test file's own database.
import pg from 'pg';
import type { KpiDossier } from '../../lib/kpi';
import { representatives, type Succession, type UnitView } from '../../lib/units';
import type { UnitRef } from '../../lib/views';
import { requireDatabaseUrl } from '../../lib/env';

export async function connect(url = requireDatabaseUrl()): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A URL for another database on the same server. */
export function databaseUrl(name: string, base = requireDatabaseUrl()): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an API token in this test file's database; the headers that present it. */
export async function apiTokenHeaders(
  role: 'admin' | 'province' | 'chair' | 'auditor' | 'importer',
  unitCode: string | null = null,
) {
  const { hashToken, newToken } = await import('../../lib/auth/secrets');
  const token = newToken();
  const client = await connect();
  try {
    await client.query(
      `INSERT INTO api_tokens (name, token_hash, role, unit_id, created_by)
       VALUES ($1, $2, $3::token_role, (SELECT id FROM units WHERE code = $4), 'test')`,
      [`test-${role}-${unitCode ?? 'all'}-${token.slice(5, 13)}`, hashToken(token), role, unitCode],
    );
  } finally {
    await client.end();
  }
  return { Authorization: `Bearer ${token}` };
}

/**
 * The dossiers in the database as lib/kpi reads them, with their unit and procedure — the pure side of the
 * SQL-equals-pure tests. `where` narrows them (a condition on `d`, with $1… parameters).
 */
export async function pureDossiers(
  client: pg.Client,
  where = 'true',
  params: unknown[] = [],
): Promise<Array<KpiDossier & { unitId: number; procedureId: number }>> {
  const { rows } = await client.query(
    `SELECT d.*, p.has_paper_result FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE ${where}`,
    params,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    procedureId: r.procedure_id,
    receivedAt: r.received_at,
    deadlineAt: r.deadline_at,
    processedAt: r.processed_at,
    returnedAt: r.returned_at,
    rejectedAt: r.rejected_at,
    withdrawnAt: r.withdrawn_at,
    supplementRequestedAt: r.supplement_requested_at,
    supplementCompletedAt: r.supplement_completed_at,
    supplementCount: r.supplement_count,
    channel: r.channel,
    fee: r.fee === null ? null : Number(r.fee),
    onlinePayment: r.online_payment,
    digitized: r.digitized,
    eResult: r.e_result,
    reusedData: r.reused_data,
    rating: r.rating,
    apologyAt: r.apology_at,
    hasPaperResult: r.has_paper_result,
  }));
}

export type VersionRow = UnitRef & { parentId: number | null; validFrom: string; validTo: string | null };

/** The unit versions and their successions, as lib/units reads them. */
export async function unitHistoryRows(client: pg.Client): Promise<{ units: VersionRow[]; successions: Succession[] }> {
  const units = (
    await client.query(`SELECT id, code, name, level::text AS level, path, parent_id AS "parentId",
      valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM units`)
  ).rows;
  const successions = (
    await client.query(`SELECT from_unit_id AS "fromId", to_unit_id AS "toId", effective_on::text AS "effectiveOn",
      share::float8 AS share, is_primary AS primary FROM unit_successions`)
  ).rows;
  return { units, successions };
}

/**
 * The pure side of the views (SPEC §6): whether a dossier of unit version `unitId` counts under `targetId` — its
 * representative today (current) or itself (historical), then up the parent links, not by matching paths.
 */
export function countsUnder(units: readonly VersionRow[], successions: readonly Succession[], today: string) {
  const rep = representatives(units, successions, today);
  const byId = new Map(units.map((u) => [u.id, u]));
  const under = (id: number | null | undefined, targetId: number) => {
    for (let u = id == null ? undefined : byId.get(id); u; u = u.parentId === null ? undefined : byId.get(u.parentId)) {
      if (u.id === targetId) return true;
    }
    return false;
  };
  return (unitId: number, targetId: number, view: UnitView) => under(view === 'historical' ? unitId : rep.get(unitId), targetId);
}
