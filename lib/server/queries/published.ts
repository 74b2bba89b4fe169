// Published months (SPEC §7): computing a month's record once, storing it as a new version, withdrawing a month, and
// reading the stored records — the public pages, the API and the notice never recompute them.
import 'server-only';
import { monthRange } from '@/lib/calendar';
import { asOfTime, type UnitLevel } from '@/lib/kpi';
import {
  RECORD_FORMAT,
  levelLabelIn,
  parseRecord,
  serializeRecord,
  type PublishedRecord,
  type PublishedTable,
  type StoredRecord,
} from '@/lib/publication';
import { requestNow } from '@/lib/server/request-cache';
import { db, sql } from '@/lib/server/sql';
import { listLateHandlers, listLateUnits } from './late';
import { getKpiReport, getRankings } from './report';
import { inForce, listLevelsUnder, listRootUnits } from './units';

/** The levels ranked in a record, from the top down: the province's own level is the notice's overall figures. */
const RANKED_LEVELS: readonly UnitLevel[] = ['so_nganh', 'huyen', 'xa'];

/** How many officials a record names at most (the notice's list, the page's table). */
const HANDLER_LIMIT = 200;

const monthDate = (month: string) => sql<Date>`${`${month}-01`}::date`;

/**
 * Computes a month's record: the units in force at the month's end with their level names of that time (SPEC §6
 * historical view), each level's league table by the 766 score with every KPI, the late units (and officials when
 * shown), each province's results against its targets, and the unit structure.
 */
export async function buildRecord(
  month: string,
  publishedBy: string,
  showHandlers: boolean,
  now: Date = requestNow(),
): Promise<PublishedRecord> {
  const period = monthRange(`${month}-01`);
  const view = 'historical' as const;
  const roots = await listRootUnits(period.to);
  const overall = await Promise.all(
    roots.map(async (root) => {
      const r = await getKpiReport(root.code, period, { view, now });
      return {
        unit: r.unit,
        counts: r.counts,
        kpis: r.kpis,
        score: { value: r.score.value, target: r.score.target, met: r.score.met },
      };
    }),
  );
  const tables: PublishedTable[] = [];
  for (const root of roots) {
    const present = await listLevelsUnder(root, period.to);
    const levels = present.filter((l) => RANKED_LEVELS.includes(l));
    for (const level of levels) {
      const r = await getRankings(root.code, level, period, { kpi: 'score', view, now, withKpis: true });
      tables.push({
        parent: r.parent,
        level,
        levelLabel: levelLabelIn(level, present.includes('huyen')),
        minSample: r.minSample,
        rows: r.rows.map((row) => ({ ...row, kpis: row.kpis! })),
      });
    }
  }
  const lateUnits = (await Promise.all(roots.map((root) => listLateUnits(root, RANKED_LEVELS, period, now, view)))).flatMap(
    (rows) => rows.map(({ unit: { path: _path, ...unit }, ...rest }) => ({ unit, ...rest })),
  );
  const lateHandlers = showHandlers
    ? (await Promise.all(roots.map((root) => listLateHandlers('/', root.code, period, now, HANDLER_LIMIT, view)))).flat()
    : null;
  const units = await db()
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select(['u.code', 'u.name', 'u.level', 'p.code as parent'])
    .where(inForce(period.to, 'u.'))
    .orderBy('u.path')
    .execute();
  return {
    format: RECORD_FORMAT,
    month,
    period,
    asOf: asOfTime(period, now),
    publishedAt: now,
    publishedBy,
    showHandlers,
    overall,
    tables,
    lateUnits,
    lateHandlers,
    units,
  };
}

/** Publishes a month: computes its record and stores it as the month's next version. */
export async function publishMonth(
  month: string,
  by: string,
  showHandlers: boolean,
  now: Date = requestNow(),
): Promise<{ version: number; record: PublishedRecord }> {
  const record = await buildRecord(month, by, showHandlers, now);
  const stored = JSON.stringify(serializeRecord(record));
  // The next version number, taken in the insert itself; the unique (month, version) refuses a concurrent twin.
  const row = await db()
    .insertInto('publications')
    .columns(['month', 'version', 'published_at', 'published_by', 'show_handlers', 'record'])
    .expression((eb) =>
      eb
        .selectFrom('publications')
        .select([
          monthDate(month).as('month'),
          sql<number>`coalesce(max(version), 0) + 1`.as('version'),
          sql<Date>`${now}::timestamptz`.as('published_at'),
          sql<string>`${by}::text`.as('published_by'),
          sql<boolean>`${showHandlers}::boolean`.as('show_handlers'),
          sql<unknown>`${stored}::jsonb`.as('record'),
        ])
        .where('month', '=', monthDate(month)),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return { version: row.version, record };
}

/** Hides a month: its shown versions are marked withdrawn (kept, never shown). False when nothing was shown. */
export async function unpublishMonth(month: string, by: string): Promise<boolean> {
  const withdrawn = await db()
    .updateTable('publications')
    .set({ withdrawn_at: sql<Date>`now()`, withdrawn_by: by })
    .where('month', '=', monthDate(month))
    .where('withdrawn_at', 'is', null)
    .returning('version')
    .execute();
  return withdrawn.length > 0;
}

export interface PublishedMonth {
  month: string;
  /** The version shown, and when the month was first and last published (of its shown versions). */
  version: number;
  firstPublishedAt: Date;
  publishedAt: Date;
}

/**
 * A text that changes whenever a month is published, republished, withdrawn or shown again: what the public pages'
 * copies (lib/http/page-cache.ts) are valid for. One index-free read of a table of a few rows a month.
 */
export async function publicationsState(): Promise<string> {
  const row = await db()
    .selectFrom('publications')
    .select(sql<string>`concat_ws(':', count(*), max(id), count(withdrawn_at), max(withdrawn_at)::text)`.as('state'))
    .executeTakeFirstOrThrow();
  return row.state;
}

/** The months the public sees (with a version not withdrawn), newest first. */
export async function listPublishedMonths(): Promise<PublishedMonth[]> {
  const rows = await db()
    .selectFrom('publications')
    .select([
      sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
      sql<number>`max(version)`.as('version'),
      sql<Date>`min(published_at)`.as('first_published_at'),
      sql<Date>`max(published_at)`.as('published_at'),
    ])
    .where('withdrawn_at', 'is', null)
    .groupBy('publications.month')
    .orderBy('publications.month', 'desc')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    version: r.version,
    firstPublishedAt: r.first_published_at,
    publishedAt: r.published_at,
  }));
}

export interface PublicationVersion {
  month: string;
  version: number;
  publishedAt: Date;
  publishedBy: string;
  showHandlers: boolean;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
}

/** Every version of every month, withdrawn ones included (the admin page), newest first. */
export async function listPublications(): Promise<PublicationVersion[]> {
  const rows = await db()
    .selectFrom('publications')
    .select([
      sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
      'version',
      'published_at',
      'published_by',
      'show_handlers',
      'withdrawn_at',
      'withdrawn_by',
    ])
    .orderBy('publications.month', 'desc')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    version: r.version,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    showHandlers: r.show_handlers,
    withdrawnAt: r.withdrawn_at,
    withdrawnBy: r.withdrawn_by,
  }));
}

export interface Publication {
  month: string;
  version: number;
  /** The month's shown versions, oldest first, with when each was published. */
  versions: Array<{ version: number; publishedAt: Date }>;
  record: PublishedRecord;
  /** The shown version before this one, to say what changed; null for the first. */
  previous: PublishedRecord | null;
}

/**
 * A shown version of a month (the latest by default), with the version before it; null when the month or that
 * version is not shown. The gate has already refused a month that is not published.
 */
export async function getPublication(month: string, version?: number | null): Promise<Publication | null> {
  const versions = await db()
    .selectFrom('publications')
    .select(['version', 'published_at'])
    .where('month', '=', monthDate(month))
    .where('withdrawn_at', 'is', null)
    .orderBy('version')
    .execute();
  const wanted = version ?? versions.at(-1)?.version;
  const index = versions.findIndex((v) => v.version === wanted);
  if (index < 0) return null;
  const wantedVersions = [wanted!, ...(index > 0 ? [versions[index - 1]!.version] : [])];
  const rows = await db()
    .selectFrom('publications')
    .select(['version', 'record'])
    .where('month', '=', monthDate(month))
    .where('version', 'in', wantedVersions)
    .execute();
  const read = (v: number | undefined) => {
    const row = rows.find((r) => r.version === v);
    return row ? parseRecord(row.record as unknown as StoredRecord) : null;
  };
  return {
    month,
    version: wanted!,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.published_at })),
    record: read(wanted)!,
    previous: index > 0 ? read(versions[index - 1]!.version) : null,
  };
}
