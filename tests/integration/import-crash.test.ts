// Crash safety (SPEC §4): an import killed with SIGKILL at random moments leaves every dossier as before or as after,
// with the roll-ups in step; importing the file again gives exactly the database of one clean import.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabaseIfMissing } from '../../lib/db/embedded-postgres';
import { createRandom } from '../../prisma/seed/generate';
import { seedDemoData } from '../../prisma/seed/load';
import { connect, databaseUrl } from './helpers';

const NOW = new Date('2026-11-20T10:00:00+07:00');
const ROWS = 40_000;
/** Records per transaction: small enough that the file takes several, so that kills land between commits. */
const BATCH = 5_000;
const root = path.resolve(import.meta.dirname, '../..');
const file = path.join(os.tmpdir(), `crash-${process.pid}.csv`);
const cleanDb = `tthc_test_clean_${crypto.randomBytes(3).toString('hex')}`;
/** How long the clean import took, from its start in the history to its end: the kills land at random moments within it. */
let importMs = 0;

/** Runs the CLI on the file; with `killAfterMs`, SIGKILLs it that long after the import has started (in the history). */
async function runImport(
  url: string,
  killAfterMs?: number,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  const watcher = killAfterMs === undefined ? null : await connect(url);
  const lastImport = async () =>
    (await watcher!.query('SELECT coalesce(max(id), 0) AS id FROM import_batches')).rows[0].id as number;
  const before = watcher ? await lastImport() : 0;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', 'scripts/import.ts', file, '--batch-size', String(BATCH)],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
  if (watcher) {
    try {
      let running = true;
      void exited.then(() => (running = false));
      while (running && (await lastImport()) === before) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, killAfterMs));
      child.kill('SIGKILL');
    } finally {
      await watcher.end();
    }
  }
  return exited;
}

async function state(url: string) {
  const client = await connect(url);
  try {
    const dossiers = (
      await client.query(`
      SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', code, unit_id, procedure_id, received_at, deadline_at, ended_at,
        outcome, fee, rating, handler), ',' ORDER BY code)) AS hash FROM dossiers`)
    ).rows[0];
    const rollups = async () =>
      (
        await client.query(`
      SELECT md5(string_agg(concat_ws('|', unit_id, month, received, resolved, resolved_late, open_delta, open_late_delta, work_days), ','
        ORDER BY unit_id, month)) AS hash FROM dossier_unit_monthly WHERE received <> 0 OR resolved <> 0 OR open_delta <> 0`)
      ).rows[0].hash;
    const kept = await rollups();
    await client.query('SELECT tthc_rebuild_rollups()');
    return { dossiers, rollupsInStep: kept === (await rollups()), rollups: kept };
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // A file of new dossiers for the demo units and procedures, with due dates given.
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 0, seed: 1, until: NOW });
  const client = await connect();
  const units = (await client.query(`SELECT code FROM units WHERE level <> 'tinh'`)).rows.map((r) => r.code as string);
  const procedures = (await client.query(`SELECT code FROM procedures`)).rows.map((r) => r.code as string);
  await client.end();
  const random = createRandom(99);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const fmt = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19);
  const lines = ['MaHoSo;MaDonVi;MaTTHC;NgayTiepNhan;NgayHenTra;NgayKetThucXuLy;PhiLePhi;DanhGia;CanBoXuLy'];
  for (let i = 0; i < ROWS; i++) {
    const received = new Date(NOW.getTime() - Math.floor(random() * 400) * 86_400_000 - Math.floor(random() * 36_000) * 1000);
    const due = new Date(received.getTime() + Math.floor(1 + random() * 15) * 86_400_000);
    const end = random() < 0.9 ? received.getTime() + Math.floor(random() * 20 * 86_400) * 1000 : null;
    lines.push(
      [
        `CR-${i}`,
        pick(units),
        pick(procedures),
        fmt(received),
        fmt(due),
        end !== null && end < NOW.getTime() ? fmt(new Date(end)) : '',
        Math.floor(random() * 3) * 10000,
        pick(['', '1', '2', '3']),
        pick(['Nguyễn Văn An', 'Trần Thị Bình']),
      ].join(';'),
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  // The reference: one clean import into a database of its own.
  await createDatabaseIfMissing(databaseUrl('postgres'), cleanDb, 'tthc_template');
  await seedDemoData(databaseUrl(cleanDb), { demo: 'kon-tum-2024', dossiers: 0, seed: 1, until: NOW });
  const clean = await runImport(databaseUrl(cleanDb));
  expect(clean.code, clean.output).toBe(0);
  const history = await connect(databaseUrl(cleanDb));
  importMs = Number(
    (await history.query(`SELECT extract(epoch FROM finished_at - started_at) * 1000 AS ms FROM import_batches`)).rows[0].ms,
  );
  await history.end();
}, 300_000);

afterAll(async () => {
  fs.rmSync(file, { force: true });
  const admin = await connect(databaseUrl('postgres'));
  await admin.query(`DROP DATABASE IF EXISTS ${cleanDb} WITH (FORCE)`);
  await admin.end();
});

describe('an import killed with SIGKILL', () => {
  test('leaves whole dossiers and roll-ups in step at every kill, and ends identical to a clean import', async () => {
    const url = process.env.DATABASE_URL!;
    const random = createRandom(7);
    const counts: number[] = [];
    for (let kill = 0; kill < 4; kill++) {
      const run = await runImport(url, Math.round(importMs * (0.1 + 0.8 * random())));
      const s = await state(url);
      expect(s.rollupsInStep, `after kill ${kill} (${run.signal ?? run.code})`).toBe(true);
      // Batches commit whole: the count moves in whole batches.
      expect(s.dossiers.n % BATCH === 0 || s.dossiers.n === ROWS, `count ${s.dossiers.n}`).toBe(true);
      counts.push(s.dossiers.n);
    }
    const last = await runImport(url);
    expect(last.code, last.output).toBe(0);
    const final = await state(url);
    const reference = await state(databaseUrl(cleanDb));
    expect(final.dossiers).toEqual({ n: ROWS, hash: reference.dossiers.hash });
    expect(final.rollups).toBe(reference.rollups);
    expect(
      counts.some((n) => n > 0 && n < ROWS),
      `kills landed mid-import: ${counts.join(', ')}`,
    ).toBe(true);
  });
});
