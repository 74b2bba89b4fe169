// Real one-stop inputs (SPEC §4.1), imported into the demo's new Quảng Ngãi: the national sync payload (DongBoHoSoMC)
// through the CLI and the API, and a one-stop system's "Sổ theo dõi hồ sơ" export (XLSX and CSV) — each record's
// outcome and stored fields checked against the expected files written by hand beside the fixtures; no personal value
// stored anywhere or logged; the unresolved names mapped, and the rejected-rows file imported again as it is.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { POST as postDossiers } from '../../app/api/v1/dossiers/route';
import { importFile, type ImportSummary } from '../../lib/server/import/run';
import { seedDemoData } from '../../prisma/seed/load';
import { EXPECTED } from '../fixtures/so-theo-doi-ho-so.expected';
import { apiTokenHeaders, connect } from './helpers';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const DONGBO = path.join(FIXTURES, 'dongbo-quang-ngai.json');
const MARKER = 'PII-MARKER-';
interface ExpectedRecord {
  index: number;
  MaHoSo: string;
  outcome: 'imported' | 'skipped' | 'rejected';
  unitCode?: string;
  procedureCode?: string;
  fields?: Record<string, unknown>;
  reason?: string;
  errors?: Array<{ column: string; value: string; reason: string }>;
}
const dongbo = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'dongbo-quang-ngai.expected.json'), 'utf8')) as {
  records: ExpectedRecord[];
};

let client: Awaited<ReturnType<typeof connect>>;
const logged: string[] = [];

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, {
    demo: 'quang-ngai-2025',
    dossiers: 2_000,
    seed: 5,
    until: new Date('2025-10-31T17:00:00+07:00'),
  });
  client = await connect();
  // The province loads its agencies' identifiers with the unit catalogue (MaDinhDanh); here one of them.
  await client.query(`UPDATE units SET agency_id = '000.00.13.H48' WHERE code = '23293' AND valid_to IS NULL`);
  // Everything the code logs while importing, to look for personal data in it.
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
    });
  }
}, 300_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await client.end();
});

/** The stored dossier of a code, in the expected files' terms. */
async function stored(code: string) {
  const { rows } = await client.query(
    `SELECT u.code AS unit, p.code AS procedure, d.channel, d.received_at, d.due_at, d.processed_at, d.returned_at,
            d.rejected_at, d.withdrawn_at, d.supplement_requested_at, d.supplement_completed_at, d.supplement_count,
            d.fee, d.online_payment, d.digitized, d.e_result, d.reused_data, d.rating, d.handler
     FROM dossiers d JOIN units u ON u.id = d.unit_id JOIN procedures p ON p.id = d.procedure_id WHERE d.code = $1`,
    [code],
  );
  const r = rows[0];
  if (!r) return null;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    unitCode: r.unit as string,
    procedureCode: r.procedure as string,
    fields: {
      channel: r.channel,
      receivedAt: iso(r.received_at),
      dueAt: iso(r.due_at),
      processedAt: iso(r.processed_at),
      returnedAt: iso(r.returned_at),
      rejectedAt: iso(r.rejected_at),
      withdrawnAt: iso(r.withdrawn_at),
      supplementRequestedAt: iso(r.supplement_requested_at),
      supplementCompletedAt: iso(r.supplement_completed_at),
      supplementCount: r.supplement_count,
      fee: r.fee === null ? null : Number(r.fee),
      onlinePayment: r.online_payment,
      digitized: r.digitized,
      eResult: r.e_result,
      reusedData: r.reused_data,
      rating: r.rating,
      handler: r.handler,
    } as Record<string, unknown>,
  };
}

function checkDongBo(s: ImportSummary) {
  const by = (o: ExpectedRecord['outcome']) => dongbo.records.filter((r) => r.outcome === o);
  expect(s.rows).toBe(dongbo.records.length);
  expect(s.skipped).toBe(by('skipped').length);
  for (const r of by('skipped')) expect(Object.keys(s.skipReasons)).toContain(r.reason);
  expect(s.rejectedRows).toBe(by('rejected').length);
  for (const r of by('rejected')) {
    expect(s.rejected.filter((e) => e.row === r.index).map(({ column, value, reason }) => ({ column, value, reason }))).toEqual(
      r.errors,
    );
    expect(s.rejected.find((e) => e.row === r.index)?.code).toBe(r.MaHoSo);
  }
}

describe('the national sync payload (DongBoHoSoMC)', () => {
  test('through the CLI: every record skipped, rejected or stored field by field as expected', async () => {
    const out = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/import.ts', DONGBO], {
        cwd: path.join(import.meta.dirname, '../..'),
        env: { ...process.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (code) => resolve({ code, output }));
    });
    logged.push(out.output);
    expect(out.code).toBe(0);
    const imported = dongbo.records.filter((r) => r.outcome === 'imported');
    expect(out.output).toContain(`thêm mới: ${imported.length}`);
    expect(out.output).toContain('bỏ qua: 2');
    // Each rejected record named by its MaHoSo beside its index.
    expect(out.output).toMatch(/bản ghi 15 \(H48\.[^)]+\), cột TrangThaiHoSo/);
    for (const r of imported) {
      expect({ code: r.MaHoSo, ...(await stored(r.MaHoSo)) }).toEqual({
        code: r.MaHoSo,
        unitCode: r.unitCode,
        procedureCode: r.procedureCode,
        fields: r.fields,
      });
    }
    for (const r of dongbo.records.filter((x) => x.outcome !== 'imported')) expect(await stored(r.MaHoSo)).toBeNull();
    // The KPI counts follow: the demo's dossiers end in October, so November–December 2025 holds only these.
    const { getKpiReport } = await import('../../lib/server/queries/report');
    const period = { from: '2025-11-01', to: '2025-12-31' };
    for (const unit of [...new Set(imported.map((r) => r.unitCode!))]) {
      const report = await getKpiReport(unit, period, { now: new Date('2026-01-05T10:00:00+07:00') });
      expect({ unit, received: report.counts.received }).toEqual({
        unit,
        received: imported.filter((r) => r.unitCode === unit).length,
      });
    }
  }, 60_000);

  test('through the API, as a one-stop system pushes it: the same file again changes nothing', async () => {
    const response = await postDossiers(
      new Request('http://localhost/api/v1/dossiers', {
        method: 'POST',
        body: fs.readFileSync(DONGBO),
        headers: { ...(await apiTokenHeaders('importer')), 'Content-Type': 'application/json' },
      }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    const imported = dongbo.records.filter((r) => r.outcome === 'imported').length;
    expect(body).toMatchObject({ received: dongbo.records.length, inserted: 0, updated: 0, unchanged: imported, skipped: 2 });
    expect(body.errors.map((e: { index: number }) => e.index)).toEqual(
      dongbo.records.filter((r) => r.outcome === 'rejected').map((r) => r.index),
    );
  });

  test('through importFile (the upload page’s way): the summary names every skip and rejection', async () => {
    const s = await importFile('auto', fs.createReadStream(DONGBO), { fileName: 'dongbo.json', source: 'test', format: 'json' });
    checkDongBo(s);
    expect(s.rejectedFile).toMatch(/-loi\.json$/);
    // The rejected records come back as a payload of their own, importable as it is (and without personal data).
    const back = JSON.parse(fs.readFileSync(s.rejectedFile!, 'utf8'));
    expect(back.service).toBe('DongBoHoSoMC');
    expect(back.data.map((r: { MaHoSo: string }) => r.MaHoSo)).toEqual(
      dongbo.records.filter((r) => r.outcome === 'rejected').map((r) => r.MaHoSo),
    );
  });
});

describe('a one-stop system’s spreadsheet export ("Sổ theo dõi hồ sơ")', () => {
  const imported = EXPECTED.rows.filter((r) => r.outcome === 'imported');

  test.each(['xlsx', 'csv'] as const)('the %s: title block and footer skipped, names resolved, fields stored', async (format) => {
    const file = path.join(FIXTURES, `so-theo-doi-ho-so.${format}`);
    const s = await importFile('auto', fs.createReadStream(file), { fileName: `so.${format}`, source: 'test', format });
    expect(s.kind).toBe('dossiers');
    expect(s.rows).toBe(EXPECTED.counts.dataRows + EXPECTED.footerRows.length);
    // The row with status 1 and the footer lines are skipped, not rejected.
    expect(s.skipped).toBe(EXPECTED.counts.skipped + EXPECTED.footerRows.length);
    expect(s.inserted + s.unchanged + s.updated).toBe(imported.length);
    expect(s.unresolved.map((u) => [u.kind, u.value])).toEqual(
      expect.arrayContaining([
        ['unit', 'UBND xã Không Tồn Tại'],
        ['procedure', 'Đăng kí kết hôn'],
      ]),
    );
    for (const r of imported) {
      const got = await stored(r.code);
      expect({ code: r.code, unit: got?.unitCode, procedure: got?.procedureCode, channel: got?.fields.channel }).toEqual({
        code: r.code,
        unit: r.unitCode,
        procedure: r.procedureCode,
        channel: r.channel,
      });
      const at = (local: string | null) => (local ? new Date(local).toISOString() : null);
      expect(got?.fields).toMatchObject({
        receivedAt: at(r.receivedAt),
        processedAt: at(r.processedAt),
        returnedAt: at(r.returnedAt),
        withdrawnAt: at(r.withdrawnAt),
        handler: r.handler,
      });
    }
    for (const r of EXPECTED.rows.filter((x) => x.outcome !== 'imported')) expect(await stored(r.code)).toBeNull();
  });

  test('an unresolved name mapped once, the rejected-rows file imports as it is', async () => {
    const file = path.join(FIXTURES, 'so-theo-doi-ho-so.xlsx');
    const first = await importFile('dossiers', fs.createReadStream(file), {
      fileName: 'so.xlsx',
      source: 'test',
      format: 'xlsx',
    });
    expect(first.rejectedFile).toMatch(/-loi\.xlsx$/);
    const { mapUnresolvedName } = await import('../../lib/server/import/mapping');
    await mapUnresolvedName({ kind: 'procedure', name: 'Đăng kí kết hôn', targetCode: '1.000894', actor: 'test' });
    const again = await importFile('dossiers', fs.createReadStream(first.rejectedFile!), {
      fileName: 'so-loi.xlsx',
      source: 'test',
      format: 'xlsx',
      retryOf: first.importId,
    });
    // The row of the misspelled procedure is in now; the unknown unit and the contradictory status still are not.
    expect(again.inserted).toBe(1);
    expect(again.unresolved.map((u) => u.value)).toEqual(['UBND xã Không Tồn Tại']);
    const twice = await importFile('dossiers', fs.createReadStream(first.rejectedFile!), {
      fileName: 'so-loi.xlsx',
      source: 'test',
      format: 'xlsx',
    });
    expect(twice.inserted + twice.updated).toBe(0);
  });
});

test('no personal value is stored anywhere, written to a file or logged', async () => {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  expect(tables.length).toBeGreaterThan(10);
  for (const { name } of tables) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${name} t WHERE t::text LIKE '%' || $1 || '%'`, [MARKER]);
    expect({ table: name, n: rows[0].n }).toEqual({ table: name, n: 0 });
  }
  const { dataDir } = await import('../../lib/env');
  const dir = path.join(dataDir, 'imports');
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (/\.(csv|json)$/.test(f)) expect(fs.readFileSync(path.join(dir, f), 'utf8')).not.toContain(MARKER);
  }
  expect(logged.join('\n')).not.toContain(MARKER);
  // The markers are there to be found: the fixtures do carry them.
  expect(fs.readFileSync(DONGBO, 'utf8')).toContain(MARKER);
});
