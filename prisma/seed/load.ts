// Loads the demo province into a migrated database: catalogues, calendar, targets, then dossiers through COPY,
// all in one transaction (an interrupted seed leaves the database as it was).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyBool, copyNumber, copyRow, copyText, copyTime } from '../../lib/db/copy-text';
import { VIETNAM_CALENDAR_2020_2027 } from '../../lib/calendar/holidays-vn';
import { WorkCalendar, addDays, computeDue, localDayOf } from '../../lib/calendar';
import { fields, procedures, units as kontumUnits } from './catalog';
import { demoUnits, type DemoSuccession, type DemoUnit } from './units-2025';
import {
  createRandom,
  generateDossiers,
  isInForce,
  tetDaysOf,
  type DossierRow,
  type SeedProcedure,
  type SeedUnit,
} from './generate';

/**
 * The demo's units: `quang-ngai-2025`, new Quảng Ngãi with old Quảng Ngãi and old Kon Tum before 1/7/2025 (the real
 * 2025 reorganisation, ./units-2025), what `npm start` loads; `kon-tum-2024`, old Kon Tum's three levels with no
 * reorganisation (./catalog), on which the tests written before units had versions still run.
 */
export type DemoName = 'quang-ngai-2025' | 'kon-tum-2024';
export const DEMOS: readonly DemoName[] = ['quang-ngai-2025', 'kon-tum-2024'];

export interface SeedOptions {
  demo: DemoName;
  dossiers: number;
  seed: number;
  until: Date;
  months?: number;
  /** Empty the data tables first; without it, seeding a database that has dossiers is refused. */
  reset?: boolean;
  log?: (message: string) => void;
}

const DATA_TABLES = [
  'audit_log',
  'api_tokens',
  'publications',
  'import_batches',
  'feedback',
  'targets',
  'users',
  'dossier_daily',
  'dossier_monthly',
  'dossier_unit_daily',
  'dossier_unit_monthly',
  'feedback_unit_daily',
  'dossiers',
  'procedures',
  'fields',
  'units',
  'calendar_days',
];

const DOSSIER_COLUMNS = [
  'code',
  'unit_id',
  'procedure_id',
  'channel',
  'received_at',
  'due_at',
  'processed_at',
  'returned_at',
  'rejected_at',
  'withdrawn_at',
  'supplement_requested_at',
  'supplement_completed_at',
  'supplement_count',
  'fee',
  'online_payment',
  'digitized',
  'e_result',
  'reused_data',
  'rating',
  'apology_at',
  'handler',
  'deadline_at',
] as const;

// One COPY text line per dossier: this runs once per dossier and dominates the seed time.
function copyLine(d: DossierRow): string {
  return copyRow([
    copyText(d.code),
    d.unitId,
    d.procedureId,
    d.channel,
    copyTime(d.receivedAt),
    copyTime(d.dueAt),
    copyTime(d.processedAt),
    copyTime(d.returnedAt),
    copyTime(d.rejectedAt),
    copyTime(d.withdrawnAt),
    copyTime(d.supplementRequestedAt),
    copyTime(d.supplementCompletedAt),
    d.supplementCount,
    copyNumber(d.fee),
    copyNumber(d.onlinePayment),
    copyBool(d.digitized),
    copyBool(d.eResult),
    copyBool(d.reusedData),
    copyNumber(d.rating),
    copyTime(d.apologyAt),
    copyText(d.handler),
    copyTime(d.deadlineAt),
  ]);
}

/** Streams rows as COPY text in chunks of a few hundred lines. */
function copyStream(rows: Iterable<DossierRow>, onRow: () => void): Readable {
  return Readable.from(
    (function* () {
      let chunk = '';
      let n = 0;
      for (const row of rows) {
        chunk += copyLine(row);
        onRow();
        if (++n % 500 === 0) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
  );
}

/**
 * Writes dossier rows with COPY, 500,000 rows per statement: each statement is one run of the roll-up triggers,
 * which keeps their transition tables bounded. Returns the count.
 */
export async function copyDossiers(client: pg.ClientBase, rows: Iterable<DossierRow>, onRow: (count: number) => void = () => {}) {
  const CHUNK = 500_000;
  let written = 0;
  const iterator = rows[Symbol.iterator]();
  let done = false;
  const chunk = function* () {
    for (let i = 0; i < CHUNK; i++) {
      const next = iterator.next();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  };
  while (!done) {
    const copy = client.query(copyFrom(`COPY dossiers (${DOSSIER_COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(
      copyStream(chunk(), () => onRow(++written)),
      copy,
    );
  }
  return written;
}

export async function seedDemoData(databaseUrl: string, options: SeedOptions): Promise<{ dossiers: number; seconds: number }> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    if (!options.reset) {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM (SELECT 1 FROM units LIMIT 1) u');
      if (rows[0]!.n !== '0') throw new Error('The database already has data: pass --reset to replace it with the demo data.');
    }
    // Truncating inside the transaction also lets PostgreSQL skip WAL for the COPY below when wal_level is minimal.
    await client.query(`TRUNCATE ${DATA_TABLES.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);

    // Calendar 2020–2027 (SPEC §2).
    await client.query(
      `INSERT INTO calendar_days (day, kind, name)
       SELECT * FROM unnest($1::date[], $2::calendar_day_kind[], $3::text[])`,
      [
        VIETNAM_CALENDAR_2020_2027.map((d) => d.date),
        VIETNAM_CALENDAR_2020_2027.map((d) => d.kind),
        VIETNAM_CALENDAR_2020_2027.map((d) => d.name),
      ],
    );

    // Fields and procedures.
    const fieldIds = new Map<string, number>();
    for (const f of fields) {
      const { rows } = await client.query<{ id: number }>('INSERT INTO fields (code, name) VALUES ($1, $2) RETURNING id', [
        f.code,
        f.name,
      ]);
      fieldIds.set(f.code, rows[0]!.id);
    }
    const seedProcedures: SeedProcedure[] = [];
    for (const p of procedures) {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO procedures (code, name, field_id, processing_time, time_unit, online_level, has_paper_result)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [p.code, p.name, fieldIds.get(p.fieldCode), p.processingTime, p.timeUnit, p.onlineLevel, p.hasPaperResult],
      );
      seedProcedures.push({ ...p, id: rows[0]!.id });
    }

    // Units, parents first; path = ids from the root. Then the successions that carry old units into new ones.
    const demo = options.demo === 'quang-ngai-2025' ? demoUnits() : kontum2024();
    // The installation's province (issue 20): the root unit in force today, which every federated row carries.
    const root = demo.units.find((u) => u.parent === null && u.validTo === null);
    if (root) await client.query('SELECT tthc_set_province($1)', [root.code]);
    const unitRows = new Map<string, { id: number; path: string; depth: number }>();
    const seedUnits: SeedUnit[] = [];
    const key = (x: { code: string; validFrom: string }) => `${x.code}@${x.validFrom}`;
    for (const [index, u] of demo.units.entries()) {
      const parent = u.parent ? unitRows.get(key(u.parent)) : undefined;
      if (u.parent && !parent) throw new Error(`Unit ${u.code}: parent ${key(u.parent)} must come first`);
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO units (code, name, level, parent_id, path, depth, sort_order, valid_from, valid_to, agency_id)
         VALUES ($1, $2, $3, $4, '/0/', $5, $6, $7, $8, $9) RETURNING id`,
        [
          u.code,
          u.name,
          u.level,
          parent?.id ?? null,
          parent ? parent.depth + 1 : 0,
          index,
          u.validFrom,
          u.validTo,
          u.agencyId ?? null,
        ],
      );
      const id = rows[0]!.id;
      const path = `${parent?.path ?? '/'}${id}/`;
      await client.query('UPDATE units SET path = $1 WHERE id = $2', [path, id]);
      unitRows.set(key(u), { id, path, depth: parent ? parent.depth + 1 : 0 });
      seedUnits.push({
        id,
        code: u.code,
        name: u.name,
        level: u.level,
        validFrom: u.validFrom,
        validTo: u.validTo,
        serves: u.serves,
        parentId: parent?.id ?? null,
      });
    }
    const idOf = (x: { code: string; validFrom: string }) => unitRows.get(key(x))!.id;
    await client.query(
      `INSERT INTO unit_successions (from_unit_id, to_unit_id, effective_on, share, is_primary)
       SELECT f, t, d, s, false FROM unnest($1::int[], $2::int[], $3::date[], $4::numeric[]) AS x(f, t, d, s)`,
      [
        demo.successions.map((s) => idOf(s.from)),
        demo.successions.map((s) => idOf(s.to)),
        demo.successions.map((s) => s.effectiveOn),
        demo.successions.map((s) => s.share),
      ],
    );
    // A merged unit receives about what its predecessors did (a split's share each).
    for (const s of demo.successions) {
      const to = seedUnits.find((u) => u.id === idOf(s.to))!;
      const parts = demo.successions.filter((x) => key(x.from) === key(s.from)).length;
      (to.predecessors ??= []).push({ id: idOf(s.from), share: s.share ?? 1 / parts });
    }

    await insertTargets(client, fieldIds, seedUnits);

    // Dossiers.
    const calendar = new WorkCalendar(VIETNAM_CALENDAR_2020_2027);
    const rows = generateDossiers(seedUnits, seedProcedures, calendar, tetDaysOf(VIETNAM_CALENDAR_2020_2027), {
      dossiers: options.dossiers,
      seed: options.seed,
      until: options.until,
      months: options.months ?? 24,
    });
    // Building indexes and checking keys once after the load is several times faster than doing it row by row.
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       WHERE x.indrelid = 'dossiers'::regclass AND NOT x.indisunique`,
    );
    const { rows: constraints } = await client.query<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid = 'dossiers'::regclass AND contype IN ('f', 'u')`,
    );
    for (const c of constraints) await client.query(`ALTER TABLE dossiers DROP CONSTRAINT "${c.name}"`);
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    const written = await copyDossiers(client, rows, (count) => {
      if (count % 100_000 === 0) log(`  ${count.toLocaleString('en')} dossiers…`);
    });
    for (const index of indexes) await client.query(index.definition);
    for (const c of constraints) await client.query(`ALTER TABLE dossiers ADD CONSTRAINT "${c.name}" ${c.definition}`);

    await insertFeedback(client, seedUnits, seedProcedures, calendar, options);
    await client.query('COMMIT');
    // VACUUM sets the visibility map, so that counts can be answered from the indexes alone.
    await client.query('VACUUM (ANALYZE) dossiers');
    await client.query('ANALYZE');
    return { dossiers: written, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Targets from real directives (SPEC §3 examples) for every year of the demo period, set by each province: a province
 * that has ceased for the years it was in force, today's province for every year (its targets apply to the past restated
 * onto its units). Communes: 96 % on time, set under the first district when there are districts, else the province.
 */
async function insertTargets(client: pg.Client, fieldIds: Map<string, number>, seedUnits: SeedUnit[]) {
  const targets: Array<
    [kpi: string, year: number, threshold: number, unitId: number | null, level: string | null, fieldId: number | null]
  > = [];
  for (const year of [2024, 2025, 2026, 2027]) {
    const provinces = seedUnits.filter(
      (p) =>
        p.level === 'tinh' && (p.validTo == null || ((p.validFrom ?? '0000') <= `${year}-12-31` && p.validTo >= `${year}-01-01`)),
    );
    for (const province of provinces) {
      const firstDistrict = seedUnits.find(
        (u) => u.level === 'huyen' && u.parentId === province.id && (u.validTo == null || u.validTo >= `${year}-01-01`),
      );
      targets.push(['onTime', year, 0.95, province.id, null, null]);
      targets.push(['onTime', year, 0.96, (firstDistrict ?? province).id, 'xa', null]);
      targets.push(['online', year, 0.3, province.id, 'huyen', null]);
      targets.push(['online', year, 0.2, province.id, 'xa', null]);
      targets.push(['onlinePayment', year, year >= 2025 ? 0.5 : 0.3, province.id, null, null]);
      targets.push(['satisfaction', year, 0.95, province.id, null, null]);
      for (const field of ['DD', 'XD', 'DT']) {
        const fieldId = fieldIds.get(field);
        if (fieldId) targets.push(['satisfaction', year, 0.9, province.id, null, fieldId]);
      }
      targets.push(['feedbackOnTime', year, 0.96, province.id, null, null]);
      targets.push(['digitized', year, 0.8, province.id, null, null]);
      targets.push(['eResult', year, 1, province.id, null, null]);
    }
  }
  for (const t of targets) {
    await client.query('INSERT INTO targets (kpi, year, threshold, unit_id, level, field_id) VALUES ($1, $2, $3, $4, $5, $6)', t);
  }
}

/** Citizen feedback (PAKN), about one for every 150 dossiers; due 15 working days after receipt unless given. */
async function insertFeedback(
  client: pg.Client,
  seedUnits: SeedUnit[],
  seedProcedures: SeedProcedure[],
  calendar: WorkCalendar,
  options: SeedOptions,
) {
  const random = createRandom(options.seed + 1);
  const receiving = seedUnits.filter((u) => u.level !== 'tinh');
  const count = Math.floor(options.dossiers / 150);
  const months = options.months ?? 24;
  const lastDay = localDayOf(options.until);
  const spanDays = months * 30;
  const values: {
    code: string[];
    unit: number[];
    proc: (number | null)[];
    rec: Date[];
    due: (Date | null)[];
    deadline: Date[];
    res: (Date | null)[];
  } = { code: [], unit: [], proc: [], rec: [], due: [], deadline: [], res: [] };
  for (let i = 0; i < count; i++) {
    const day = addDays(lastDay, -Math.floor(random() * spanDays));
    const received = new Date(new Date(`${day}T08:00:00+07:00`).getTime() + Math.floor(random() * 9 * 3600) * 1000);
    if (received > options.until) continue;
    const due = computeDue(received, 15, 'ngay_lam_viec', calendar); // SPEC §3: 15 working days
    const resolvedAt = new Date(received.getTime() + Math.floor(random() * (random() < 0.9 ? 20 : 40) * 86_400) * 1000);
    values.code.push(`PAKN-${String(i + 1).padStart(6, '0')}`);
    const open = receiving.filter((u) => isInForce(u, day));
    values.unit.push(open[Math.floor(random() * open.length)]!.id);
    values.proc.push(random() < 0.8 ? seedProcedures[Math.floor(random() * seedProcedures.length)]!.id : null);
    values.rec.push(received);
    values.due.push(random() < 0.7 ? due : null); // the due printed on the receipt, when the system records it
    values.deadline.push(due);
    values.res.push(resolvedAt <= options.until ? resolvedAt : null);
  }
  await client.query(
    `INSERT INTO feedback (code, unit_id, procedure_id, received_at, due_at, deadline_at, resolved_at)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])`,
    [values.code, values.unit, values.proc, values.rec, values.due, values.deadline, values.res],
  );
}

/** Old Kon Tum's three levels (./catalog) as unit versions in force since always, with no succession. */
function kontum2024(): { units: DemoUnit[]; successions: DemoSuccession[] } {
  const always = '2000-01-01';
  return {
    units: kontumUnits.map((u) => ({
      code: u.code,
      name: u.name,
      level: u.level,
      validFrom: always,
      validTo: null,
      parent: u.parentCode ? { code: u.parentCode, validFrom: always } : null,
    })),
    successions: [],
  };
}
