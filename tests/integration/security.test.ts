// Security of the write paths (issue 15), through the real route handlers and importer on a real database: an importer
// bound to a unit never touches a dossier of another unit (insert, update, move) nor creates catalogue entries, by the
// API and the CLI alike; bodies are limited by the bytes read, not by what Content-Length says; rejected rows are
// held in bounded memory and all of them reach the import's file; sign-in failures are limited per address too.
import { Readable } from 'node:stream';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { POST as postDossiers } from '../../app/api/v1/dossiers/route';
import { GET as getRejected } from '../../app/api/v1/imports/[id]/rejected/route';
import { GET as getKpi } from '../../app/api/v1/kpi/route';
import { checkPassword, signInWait } from '../../lib/server/auth';
import { KEPT_REJECTED } from '../../lib/server/import/rejected';
import { importFile } from '../../lib/server/import/run';
import { findUnit } from '../../lib/server/queries/units';
import { seedDemoData } from '../../prisma/seed/load';
import { apiTokenHeaders, connect } from './helpers';

const NOW = new Date('2026-11-20T10:00:00+07:00');
let client: pg.Client;
/** An importer token bound to TP Kon Tum (608), and a province-wide one. */
let bound: Record<string, string>;
let provinceWide: Record<string, string>;
/** A dossier of Đăk Glei (610, outside 608) and one of a ward of 608. */
let foreign: string;
let own: string;

const post = async (body: unknown, headers: Record<string, string>) => {
  const response = await postDossiers(
    new Request('http://localhost/api/v1/dossiers', { method: 'POST', body: JSON.stringify(body), headers }),
  );
  return { status: response.status, body: await response.json() };
};

/** Everything the database holds of a dossier and of the roll-ups: equal before and after means nothing changed. */
const state = async () =>
  (
    await client.query(`
  SELECT (SELECT md5(string_agg(concat_ws('|', code, unit_id, procedure_id, received_at, deadline_at, ended_at, outcome, handler, updated_at), ',' ORDER BY code)) FROM dossiers) AS dossiers,
         (SELECT md5(string_agg(concat_ws('|', unit_id, day, procedure_id, received, resolved), ',' ORDER BY unit_id, day, procedure_id)) FROM dossier_daily) AS rollups,
         (SELECT count(*) FROM procedures) AS procedures, (SELECT count(*) FROM fields) AS fields`)
  ).rows[0];

const dossierOf = async (code: string) =>
  (
    await client.query(`SELECT u.code AS unit, d.handler FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE d.code = $1`, [
      code,
    ])
  ).rows[0];

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 3_000, seed: 15, until: NOW });
  client = await connect();
  bound = await apiTokenHeaders('importer', '608');
  provinceWide = await apiTokenHeaders('importer');
  const pick = async (unit: string) =>
    (
      await client.query(
        `
    SELECT d.code FROM dossiers d JOIN units u ON u.id = d.unit_id
    WHERE u.path LIKE (SELECT path FROM units WHERE code = $1) || '%' ORDER BY d.id LIMIT 1`,
        [unit],
      )
    ).rows[0].code as string;
  foreign = await pick('610');
  own = await pick('608');
});
afterAll(() => client.end());

const record = (code: string, unit: string, extra: Record<string, string> = {}) => ({
  MaHoSo: code,
  MaDonVi: unit,
  MaTTHC: '2.000815',
  NgayTiepNhan: '2026-10-05T08:00:00+07:00',
  CanBoXuLy: 'Kẻ Xâm Nhập',
  ...extra,
});

describe('an importer bound to a unit (finding 1)', () => {
  test('cannot move another unit’s dossier into its own units: the row is rejected with the reason, nothing changes', async () => {
    const before = await state();
    const { status, body } = await post([record(foreign, '23281')], bound);
    expect(status).toBe(200);
    expect(body).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(body.errors).toEqual([
      {
        index: 0,
        code: foreign,
        column: 'MaHoSo',
        value: foreign,
        reason: 'mã hồ sơ đã có ở một đơn vị ngoài phạm vi được phép: không được sửa hay chuyển hồ sơ đó',
      },
    ]);
    expect(await state()).toEqual(before);
    expect((await dossierOf(foreign)).unit).not.toBe('23281');
  });

  test('cannot update another unit’s dossier in place, nor write a dossier into another unit', async () => {
    const before = await state();
    const { unit } = await dossierOf(foreign);
    const { body } = await post([record(foreign, unit), record('SEC-NEW-OTHER', '23341')], bound);
    expect(body).toMatchObject({ inserted: 0, updated: 0, rejected: 2 });
    expect(body.errors.map((e: { column: string }) => e.column)).toEqual(['MaDonVi', 'MaDonVi']);
    expect(await state()).toEqual(before);
    expect(await dossierOf('SEC-NEW-OTHER')).toBeUndefined();
  });

  test('a dry run says the same', async () => {
    const summary = await importFile('dossiers', Readable.from([JSON.stringify([record(foreign, '23281')])]), {
      fileName: null,
      source: 'test',
      format: 'json',
      dryRun: true,
      scopePath: (await findUnit('608'))!.path,
    });
    expect(summary.rejected.map((e) => e.column)).toEqual(['MaHoSo']);
    expect(summary.inserted).toBe(0);
  });

  test('still writes and moves dossiers inside its own subtree', async () => {
    const { body } = await post([record(own, '23284', { CanBoXuLy: 'Cán bộ phường' }), record('SEC-NEW-OWN', '23281')], bound);
    expect(body).toMatchObject({ inserted: 1, updated: 1, rejected: 0 });
    expect(await dossierOf(own)).toEqual({ unit: '23284', handler: 'Cán bộ phường' });
    expect((await dossierOf('SEC-NEW-OWN')).unit).toBe('23281');
  });

  test('creates no procedure or field (finding 8); a province-wide importer still does', async () => {
    const before = await state();
    const unknown = record('SEC-NEW-PROC', '23281', {
      MaTTHC: 'SEC.999',
      TenTTHC: 'Thủ tục lạ',
      MaLinhVuc: 'SECF',
      TenLinhVuc: 'Lĩnh vực lạ',
    });
    const refused = await post([unknown], bound);
    expect(refused.body.errors).toEqual([
      {
        index: 0,
        code: 'SEC-NEW-PROC',
        column: 'MaTTHC',
        value: 'SEC.999',
        reason: 'không có thủ tục mã "SEC.999"; chỉ quản trị toàn tỉnh được thêm thủ tục mới vào danh mục',
      },
    ]);
    expect(await state()).toEqual(before);
    const allowed = await post([{ ...unknown, NgayHenTra: '2026-10-20T17:00:00+07:00' }], provinceWide);
    expect(allowed.body).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await client.query(`SELECT count(*)::int AS n FROM procedures WHERE code = 'SEC.999'`)).rows[0].n).toBe(1);
  });

  test('the CLI with --unit is held to the same scope', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tthc-sec-'));
    const file = path.join(dir, 'hoso.csv');
    fs.writeFileSync(
      file,
      'MaHoSo,MaDonVi,MaTTHC,NgayTiepNhan,CanBoXuLy\n' +
        `${foreign},23281,2.000815,2026-10-05T08:00:00+07:00,CLI\nSEC-CLI-OWN,23281,2.000815,2026-10-05T08:00:00+07:00,CLI\n`,
    );
    const before = await dossierOf(foreign);
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'import', '--', file, '--unit', '608'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    });
    expect(stdout).toMatch(/thêm mới: 1 · cập nhật: 0 · không đổi: 0 · bỏ qua: 0 · bị từ chối: 1 dòng/);
    expect(stdout).toContain('ngoài phạm vi được phép');
    expect(await dossierOf(foreign)).toEqual(before);
    expect((await dossierOf('SEC-CLI-OWN')).unit).toBe('23281');
    const {
      rows: [history],
    } = await client.query(`SELECT source FROM import_batches ORDER BY id DESC LIMIT 1`);
    expect(history.source).toBe('cli:unit:608');
  });
});

describe('request bodies (finding 5)', () => {
  test('a push is streamed, never read whole: 40 MB of records arrive in bounded memory and are applied', async () => {
    const chunk = new TextEncoder().encode(`${JSON.stringify(record('X', '23281'))},`.padEnd(64 * 1024, ' '));
    let sent = 0;
    let records = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('['));
      },
      pull(controller) {
        sent += chunk.byteLength;
        records++;
        if (sent > 40 * 2 ** 20) {
          controller.enqueue(new TextEncoder().encode(`${JSON.stringify(record('X', '23281'))}]`));
          controller.close();
        } else controller.enqueue(chunk);
      },
    });
    const request = new Request('http://localhost/api/v1/dossiers', {
      method: 'POST',
      body,
      headers: bound,
      duplex: 'half',
    } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const response = await postDossiers(request);
    clearInterval(sampler);
    expect(response.status).toBe(200);
    expect((await response.json()).received).toBe(records);
    expect(records).toBeGreaterThan(600);
    // The whole body is 40 MB of text; the push held far less of it at any time (one chunk, a record, a batch).
    expect(peak - before).toBeLessThan(30 * 2 ** 20);
  });

  test('one value longer than any record can hold is refused, not held in memory', async () => {
    // As the network brings it: in chunks of 64 KB.
    const long = new TextEncoder().encode(`[{"MaHoSo": "${'x'.repeat(17 * 2 ** 20)}"}]`);
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= long.byteLength) return controller.close();
        controller.enqueue(long.slice(at, at + 64 * 1024));
        at += 64 * 1024;
      },
    });
    const response = await postDossiers(
      new Request('http://localhost/api/v1/dossiers', { method: 'POST', body, headers: bound, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_json');
  });
});

describe('rejected rows (finding 5)', () => {
  test('past the first ones, rejected rows go to the import’s file, not to memory; the download serves all of them', async () => {
    const total = KEPT_REJECTED + 2_500;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tthc-sec-'));
    const file = path.join(dir, 'bad.csv');
    const lines = ['MaHoSo,MaDonVi,MaTTHC,NgayTiepNhan'];
    for (let i = 0; i < total; i++) lines.push(`BAD-${i},23281,2.000815,31/02/2026`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const s = await importFile('dossiers', fs.createReadStream(file), { fileName: 'bad.csv', source: 'test' });
    expect(s.rejectedRows).toBe(total);
    expect(s.rejectedErrors).toBe(total);
    expect(s.rejected).toHaveLength(KEPT_REJECTED);
    expect(s.rejectedFile).not.toBeNull();
    const written = fs.readFileSync(s.rejectedFile!, 'utf8').trim().split(/\r?\n/);
    expect(written).toHaveLength(total + 1);
    expect(written[0]).toBe('MaHoSo,MaDonVi,MaTTHC,NgayTiepNhan,Dòng,Lý do'); // trim() took the BOM
    expect(written[1]).toBe('BAD-0,23281,2.000815,31/02/2026,2,"NgayTiepNhan ""31/02/2026"": ngày 31/02/2026 không tồn tại"');
    const {
      rows: [history],
    } = await client.query(
      `SELECT rejected, jsonb_array_length(errors) AS kept, rejected_file FROM import_batches WHERE id = $1`,
      [s.importId],
    );
    expect(history).toEqual({ rejected: total, kept: KEPT_REJECTED, rejected_file: path.basename(s.rejectedFile!) });
    const admin = await apiTokenHeaders('admin');
    const response = await getRejected(
      new Request(`http://localhost/api/v1/imports/${s.importId}/rejected`, { headers: admin }),
      { params: Promise.resolve({ id: String(s.importId) }) },
    );
    expect(response.status).toBe(200);
    expect((await response.text()).trim().split(/\r?\n/)).toHaveLength(total + 1);
  });
});

describe('audit of refused requests (finding 7)', () => {
  test('a request without credentials is answered 401 and audited with the reason and the address', async () => {
    const response = await getKpi(
      new Request('http://localhost/api/v1/kpi?unit=62&from=2026-10-01&to=2026-10-31', {
        headers: { 'X-Forwarded-For': '203.0.113.201' },
      }),
    );
    expect(response.status).toBe(401);
    const { rows } = await client.query(
      `SELECT actor, details FROM audit_log WHERE action = 'unauthenticated' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({ actor: 'anonymous', details: { reason: 'no_credentials', address: '203.0.113.201' } });
  });

  test('a flood of them writes a few entries a minute, not one a request', async () => {
    const before = (await client.query(`SELECT count(*)::int AS n FROM audit_log WHERE details->>'address' = '203.0.113.202'`))
      .rows[0].n;
    for (let i = 0; i < 60; i++) {
      await getKpi(
        new Request('http://localhost/api/v1/kpi?unit=62&from=2026-10-01&to=2026-10-31', {
          headers: { 'X-Forwarded-For': '203.0.113.202' },
        }),
      );
    }
    const after = (await client.query(`SELECT count(*)::int AS n FROM audit_log WHERE details->>'address' = '203.0.113.202'`))
      .rows[0].n;
    expect(after - before).toBe(30);
  });
});

describe('sign-in limits (finding 10)', () => {
  test('fifty failures from one address lock that address for every username, not other addresses', async () => {
    const address = '203.0.113.77';
    for (let i = 0; i < 50; i++)
      expect(await checkPassword({ username: `khong-co-${i}`, password: 'sai-mat-khau-1' }, address)).toBeNull();
    expect(await signInWait('vanphong', address)).toBeGreaterThan(0);
    expect(await signInWait('vanphong', '203.0.113.78')).toBe(0);
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'sign_in_failed' AND details->>'reason' = 'rate_limited' AND details->>'address' = $1`,
      [address],
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
