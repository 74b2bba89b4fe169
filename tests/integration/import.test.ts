// Importing dossiers (SPEC §4): golden files, rejected rows with reasons, last-wins duplicates, idempotent re-imports,
// updates that move the roll-ups, the JSON API, and the import history.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { POST } from '../../app/api/v1/dossiers/route';
import { WorkCalendar } from '../../lib/calendar';
import { VIETNAM_CALENDAR_2020_2027 } from '../../lib/calendar/holidays-vn';
import { sumDossiers } from '../../lib/kpi';
import { findUnit } from '../../lib/server/queries/units';
import { sumKpis } from '../../lib/server/queries/rollups';
import { ImportFileError, importFile, rejectedRowsCsv } from '../../lib/server/import/run';
import { seedDemoData } from '../../prisma/seed/load';
import { apiTokenHeaders, connect, pureDossiers } from './helpers';

const NOW = new Date('2026-11-20T10:00:00+07:00');
const fixture = (name: string) => fs.createReadStream(path.join(import.meta.dirname, '../fixtures', name));
const importFixture = (name: string) => importFile('dossiers', fixture(name), { fileName: name, source: 'test' });
let importer: Record<string, string>;
const post = async (body: unknown, headers = importer) => {
  const response = await POST(
    new Request('http://localhost/api/v1/dossiers', { method: 'POST', body: JSON.stringify(body), headers }),
  );
  return { status: response.status, body: await response.json() };
};
let client: pg.Client;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 0, seed: 1, until: NOW });
  client = await connect();
  importer = await apiTokenHeaders('importer');
});
afterAll(() => client.end());

const snapshot = async () =>
  (
    await client.query(`
  SELECT (SELECT md5(string_agg(concat_ws('|', code, unit_id, procedure_id, received_at, deadline_at, ended_at, outcome, fee, handler, updated_at), ',' ORDER BY code)) FROM dossiers) AS dossiers,
         (SELECT md5(string_agg(concat_ws('|', unit_id, day, procedure_id, received, resolved, open_delta, work_days), ',' ORDER BY unit_id, day, procedure_id)) FROM dossier_daily) AS rollups`)
  ).rows[0];

describe('CSV import', () => {
  test('applies the valid rows of a golden file and reports every rejected row with its reason', async () => {
    const s = await importFixture('dossiers-vi-bom-semicolon.csv');
    expect(s.rows).toBe(7);
    expect({ inserted: s.inserted, updated: s.updated, unchanged: s.unchanged }).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(s.rejected).toEqual([
      { row: 4, code: 'HS-003', column: 'NgayTiepNhan', value: '31/02/2025', reason: 'ngày 31/02/2025 không tồn tại' },
      { row: 5, code: 'HS-004', column: 'PhiLePhi', value: '-5000', reason: '"-5000" là số âm' },
      {
        row: 6,
        code: 'HS-005',
        column: 'NgayKetThucXuLy',
        value: '09/03/2025 08:00',
        reason: 'ngày kết thúc xử lý trước ngày tiếp nhận',
      },
      { row: 7, code: 'HS-006', column: 'MaDonVi', value: '9999', reason: 'không có đơn vị mã "9999"' },
    ]);
    expect(s.duplicates).toEqual([
      { row: 2, code: 'HS-001', column: 'MaHoSo', value: 'HS-001', reason: 'trùng mã hồ sơ, được thay bằng dòng 8' },
    ]);
    const { rows } = await client.query(`SELECT code, processed_at, deadline_at, fee FROM dossiers ORDER BY code`);
    expect(rows.map((r) => r.code)).toEqual(['HS-001', 'HS-002']);
    expect(rows[0].processed_at).toEqual(new Date('2025-03-05T16:00:00+07:00')); // the last HS-001 row won
    expect(rows[1].fee).toBe('50000');
    const history = (
      await client.query(`SELECT status, inserted, rejected, errors FROM import_batches WHERE id = $1`, [s.importId])
    ).rows[0];
    expect(history).toMatchObject({ status: 'done', inserted: 2, rejected: 4 });
    expect(history.errors).toHaveLength(4);
  });

  test('importing the same file again changes nothing and says so', async () => {
    const before = await snapshot();
    const s = await importFixture('dossiers-vi-bom-semicolon.csv');
    expect({ inserted: s.inserted, updated: s.updated, unchanged: s.unchanged }).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await snapshot()).toEqual(before);
  });

  test('the rejected-rows file, corrected in place, imports cleanly as it is; again, it changes nothing', async () => {
    const s = await importFixture('dossiers-vi-bom-semicolon.csv');
    const rejected = fs.readFileSync(s.rejectedFile!, 'utf8');
    // What a user does in Excel: fix the four cells the reasons name; the Dòng and Lý do columns stay (ignored).
    const corrected = rejected
      .replace('31/02/2025', '28/02/2025')
      .replace("'-5000", '5000')
      .replace('10/03/2025 08:00', '08/03/2025 08:00')
      .replace('HS-006,9999', 'HS-006,608');
    const file = path.join(process.env.TMPDIR ?? '/tmp', `corrected-${process.pid}.csv`);
    fs.writeFileSync(file, corrected);
    const fixed = await importFile('auto', fs.createReadStream(file), { fileName: 'sua.csv', source: 'test' });
    expect({ kind: fixed.kind, rows: fixed.rows, inserted: fixed.inserted, rejected: fixed.rejectedRows }).toEqual({
      kind: 'dossiers',
      rows: 4,
      inserted: 4,
      rejected: 0,
    });
    const again = await importFile('auto', fs.createReadStream(file), { fileName: 'sua.csv', source: 'test' });
    expect({ inserted: again.inserted, updated: again.updated, unchanged: again.unchanged }).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 4,
    });
    await client.query(`DELETE FROM dossiers WHERE code IN ('HS-003', 'HS-004', 'HS-005', 'HS-006')`);
  });

  test('unknown procedures without a name are rejected; the rest of the file is applied', async () => {
    const s = await importFixture('dossiers-ascii-comma.csv');
    expect(s.inserted).toBe(1);
    expect(s.ignoredColumns).toEqual([]); // 'Ghi chu': free text, personal data, not read
    expect(s.rejected.map((e) => [e.row, e.column])).toEqual([
      [3, 'MaTTHC'],
      [4, 'KenhThucHien'],
      [4, 'NgayHoanThanhBoSung'],
    ]);
  });

  test('an XLSX file with Vietnamese headers and real date cells reads like the CSV', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hồ sơ');
    sheet.addRow([
      'Mã hồ sơ',
      'Mã đơn vị',
      'Mã TTHC',
      'Ngày tiếp nhận',
      'Ngày hẹn trả',
      'Ngày kết thúc xử lý',
      'Phí, lệ phí',
      'Đánh giá',
    ]);
    // Excel keeps wall-clock times: exceljs writes a Date's UTC fields as the cell's time.
    sheet.addRow([
      'XL-1',
      '608',
      '1.001193',
      new Date('2025-04-01T08:30:00Z'),
      new Date('2025-04-03T00:00:00Z'),
      new Date('2025-04-02T10:00:00Z'),
      25000,
      3,
    ]);
    sheet.addRow(['XL-2', '608', '1.001193', '31/02/2025', '', '', '', '']);
    const xlsx = path.join(process.env.TMPDIR ?? '/tmp', `import-${process.pid}.xlsx`);
    await workbook.xlsx.writeFile(xlsx);
    const s = await importFile('dossiers', fs.createReadStream(xlsx), { fileName: 'hoso.xlsx', source: 'test', format: 'xlsx' });
    expect({ rows: s.rows, inserted: s.inserted }).toEqual({ rows: 2, inserted: 1 });
    expect(s.rejected).toEqual([
      { row: 3, code: 'XL-2', column: 'NgayTiepNhan', value: '31/02/2025', reason: 'ngày 31/02/2025 không tồn tại' },
    ]);
    // The rejected rows of an XLSX come back as an XLSX in the same columns, with Dòng and Lý do.
    expect(s.rejectedFile).toMatch(/-loi\.xlsx$/);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(s.rejectedFile!);
    const values = (n: number) => Array.from((back.worksheets[0]!.getRow(n).values as unknown[]).slice(1), (v) => v ?? '');
    expect(values(1)).toEqual([
      'Mã hồ sơ',
      'Mã đơn vị',
      'Mã TTHC',
      'Ngày tiếp nhận',
      'Ngày hẹn trả',
      'Ngày kết thúc xử lý',
      'Phí, lệ phí',
      'Đánh giá',
      'Dòng',
      'Lý do',
    ]);
    expect(values(2)).toEqual([
      'XL-2',
      '608',
      '1.001193',
      '31/02/2025',
      '',
      '',
      '',
      '',
      3,
      'NgayTiepNhan "31/02/2025": ngày 31/02/2025 không tồn tại',
    ]);
    const row = (
      await client.query(`SELECT received_at, deadline_at, processed_at, fee, rating FROM dossiers WHERE code = 'XL-1'`)
    ).rows[0];
    expect(row).toEqual({
      received_at: new Date('2025-04-01T08:30:00+07:00'),
      deadline_at: new Date('2025-04-03T23:59:59.999+07:00'),
      processed_at: new Date('2025-04-02T10:00:00+07:00'),
      fee: '25000',
      rating: 3,
    });
  });

  test('batches written two at a time: a MaHoSo given again in the next batch ends as the later row, and a new procedure named in two batches is created once', async () => {
    const header = 'MaHoSo,MaDonVi,MaTTHC,TenTTHC,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,PhiLePhi';
    // Batches of 4: rows 4–7 give again the codes of rows 0–3 (the batch just before, maybe still being written),
    // finished a day later; rows 12–15 those of 8–11, and so on: 20 dossiers, each in two neighbouring batches.
    const rows = Array.from({ length: 40 }, (_, i) => {
      const code = `PAR-${Math.floor(i / 8) * 4 + (i % 4)}`;
      const again = Math.floor(i / 4) % 2 === 1;
      const procedure = i % 2 === 0 ? '9.000777,Thủ tục gộp song song' : '1.001193,';
      return `${code},608,${procedure},01/10/2026 08:00,10/10/2026,${again ? '05/10/2026 09:00' : '04/10/2026 09:00'},${i * 1000}`;
    });
    const file = path.join(process.env.TMPDIR ?? '/tmp', `parallel-${process.pid}.csv`);
    fs.writeFileSync(file, [header, ...rows].join('\n'));
    const unit = (await findUnit('608'))!;
    const october = { from: '2026-10-01', to: '2026-10-31' };
    const before = (await sumKpis([unit], october, NOW)).get(unit.id)!;
    const s = await importFile('dossiers', fs.createReadStream(file), {
      fileName: 'parallel.csv',
      source: 'test',
      batchSize: 4,
      writers: 2,
    });
    expect({ rows: s.rows, inserted: s.inserted, updated: s.updated, rejected: s.rejected }).toEqual({
      rows: 40,
      inserted: 20,
      updated: 20,
      rejected: [],
    });
    const stored = (
      await client.query<{ code: string; fee: string; ended: string; procedure: string }>(`
      SELECT d.code, d.fee, to_char(d.ended_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM') AS ended, p.code AS procedure FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
      WHERE d.code LIKE 'PAR-%' ORDER BY d.code`)
    ).rows;
    expect(stored).toHaveLength(20);
    for (const d of stored) {
      const n = Number(d.code.slice(4));
      const last = Math.floor(n / 4) * 8 + 4 + (n % 4); // the last row of the file with this code
      expect(d).toEqual({
        code: d.code,
        fee: String(last * 1000),
        ended: '05/10',
        procedure: last % 2 === 0 ? '9.000777' : '1.001193',
      });
    }
    expect((await client.query(`SELECT count(*)::int AS n FROM procedures WHERE code = '9.000777'`)).rows[0]).toEqual({ n: 1 });
    // The roll-ups moved by exactly the 20 dossiers, as the dossiers themselves say.
    const after = (await sumKpis([unit], october, NOW)).get(unit.id)!;
    expect(after.received - before.received).toBe(20);
    expect(after.resolved - before.resolved).toBe(20);
    expect(after.resolvedOnTime + after.resolvedEarly - before.resolvedOnTime - before.resolvedEarly).toBe(20);
  });

  test('a file without the required columns is refused whole', async () => {
    const file = path.join(process.env.TMPDIR ?? '/tmp', `bad-${process.pid}.csv`);
    fs.writeFileSync(file, 'Mã hồ sơ;Ghi chú\nX;Y\n');
    await expect(importFile('dossiers', fs.createReadStream(file), { fileName: 'bad.csv', source: 'test' })).rejects.toThrow(
      new ImportFileError(
        'Tệp thiếu cột bắt buộc: MaDonVi (hoặc MaDinhDanh, DonViXuLy), MaTTHC (hoặc TenTTHC), NgayTiepNhan (dòng tiêu đề là dòng 1).',
      ),
    );
  });

  test('the rejected rows download as CSV for Excel, formulas neutralised', () => {
    const csv = rejectedRowsCsv([
      { row: 3, code: 'HS-1', column: 'CanBoXuLy', value: '=HYPERLINK("x")', reason: 'lý do; có "ngoặc"' },
    ]);
    expect(csv).toBe('\uFEFFDòng,Mã hồ sơ,Cột,Giá trị,Lý do\r\n3,HS-1,CanBoXuLy,"\'=HYPERLINK(""x"")","lý do; có ""ngoặc"""\r\n');
  });
});

describe('POST /api/v1/dossiers', () => {
  const base = { MaDonVi: '608', MaTTHC: '1.001193', NgayTiepNhan: '2026-11-02T08:00:00', NgayHenTra: '03/11/2026' };

  test('inserts, updates and leaves unchanged, with Vietnamese aliases as keys; the roll-ups follow', async () => {
    const unit = (await findUnit('608'))!;
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const first = await post([
      { ...base, MaHoSo: 'API-1' },
      { ...base, MaHoSo: 'API-2', 'Kênh thực hiện': 2 },
    ]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect((await sumKpis([unit], period, NOW)).get(unit.id)).toMatchObject({
      received: 2,
      receivedOnline: 1,
      resolved: 0,
      pending: 2,
    });

    // API-1 is now finished, the day after its due: late; API-2 is sent again unchanged.
    const second = await post([
      { ...base, MaHoSo: 'API-1', NgayKetThucXuLy: '04/11/2026 09:00' },
      { ...base, MaHoSo: 'API-2', 'Kênh thực hiện': 2 },
    ]);
    expect(second.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
    const sums = (await sumKpis([unit], period, NOW)).get(unit.id)!;
    expect(sums).toMatchObject({ received: 2, resolved: 1, resolvedLate: 1, pending: 1, pendingLate: 1 });

    // The roll-ups equal the pure engine over the rows now in the database.
    const pure = sumDossiers(
      await pureDossiers(client, 'd.unit_id = $1', [unit.id]),
      [],
      period,
      NOW,
      new WorkCalendar(VIETNAM_CALENDAR_2020_2027),
    );
    expect(sums).toEqual(pure);
  });

  test('a new procedure is created from its name; without NgayHenTra its dossiers cannot be judged and are refused', async () => {
    const r = await post([
      { ...base, MaHoSo: 'API-3', MaTTHC: '9.000001', TenTTHC: 'Thủ tục mới', MaLinhVuc: 'MOI', TenLinhVuc: 'Lĩnh vực mới' },
      { ...base, MaHoSo: 'API-4', MaTTHC: '9.000001', NgayHenTra: null },
    ]);
    expect(r.body).toMatchObject({ inserted: 1, rejected: 1 });
    expect(r.body.errors).toEqual([
      {
        index: 1,
        code: 'API-4',
        column: 'NgayHenTra',
        value: '',
        reason: 'thủ tục "9.000001" chưa có thời hạn giải quyết: cần Ngày hẹn trả',
      },
    ]);
    const p = (
      await client.query(
        `SELECT p.name, f.name AS field FROM procedures p JOIN fields f ON f.id = p.field_id WHERE p.code = '9.000001'`,
      )
    ).rows[0];
    expect(p).toEqual({ name: 'Thủ tục mới', field: 'Lĩnh vực mới' });
  });

  test.each([
    ['not an array nor the sync payload', { MaHoSo: 'X' }],
    ['another service than DongBoHoSoMC', { service: 'TraCuuHoSo', data: [] }],
  ])('400 for %s', async (_name, body) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_json');
  });

  test('an empty push changes nothing; a large one is streamed, not refused (each record judged on its own)', async () => {
    expect((await post([])).body).toMatchObject({ received: 0, inserted: 0, rejected: 0 });
    const r = await post({ service: 'DongBoHoSoMC', isUpdating: 'False', data: Array.from({ length: 10_001 }, () => ({})) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 10_001, inserted: 0, rejected: 10_001 });
  });

  test('400 for a body that is not JSON', async () => {
    const response = await POST(
      new Request('http://localhost/api/v1/dossiers', { method: 'POST', body: '{oops', headers: importer }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_json');
  });

  test('only the import right may push: 401 without a token, 403 for a read-only token, and the push is audited', async () => {
    expect((await post([{ ...base, MaHoSo: 'API-9' }], {})).status).toBe(401);
    expect((await post([{ ...base, MaHoSo: 'API-9' }], await apiTokenHeaders('auditor'))).status).toBe(403);
    const { rows } = await client.query(`SELECT actor, details FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1`);
    expect(rows[0].actor).toMatch(/^token:test-importer-/);
    expect(rows[0].details).toMatchObject({ kind: 'dossiers', source: 'api' });
  });

  test('an importer bound to a district may only write dossiers of its own units; the others are rejected by row', async () => {
    const r = await post(
      [
        { ...base, MaHoSo: 'API-10', MaDonVi: '23281' },
        { ...base, MaHoSo: 'API-11', MaDonVi: 'STP' },
      ],
      await apiTokenHeaders('importer', '608'),
    );
    expect(r.body).toMatchObject({ inserted: 1, rejected: 1 });
    expect(r.body.errors).toEqual([
      { index: 1, code: 'API-11', column: 'MaDonVi', value: 'STP', reason: 'không có đơn vị mã "STP" trong phạm vi được phép' },
    ]);
  });
});
