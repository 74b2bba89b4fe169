// Importing the unit tree (SPEC §4): new units whose parent comes later in the file, a district moved with its
// communes (its KPIs follow it, paths recomputed), unknown parents and cycles refused row by row, re-import unchanged.
// And the upload endpoint the page uses, POST /api/v1/imports: streamed progress and result, scope of importer tokens.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { POST as upload } from '../../app/api/v1/imports/route';
import { GET as rejectedCsv } from '../../app/api/v1/imports/[id]/rejected/route';
import { findUnit } from '../../lib/server/queries/units';
import { sumKpis } from '../../lib/server/queries/rollups';
import { ImportFileError, importFile } from '../../lib/server/import/run';
import { seedDemoData } from '../../prisma/seed/load';
import { apiTokenHeaders, connect } from './helpers';

const NOW = new Date('2026-11-20T10:00:00+07:00');
const PERIOD = { from: '2026-01-01', to: '2026-10-31' };
const fixture = (name: string) => fs.createReadStream(path.join(import.meta.dirname, '../fixtures', name));
const importUnits = (dryRun = false) =>
  importFile('units', fixture('units.csv'), { fileName: 'units.csv', source: 'test', dryRun });
let client: pg.Client;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 3_000, seed: 5, until: NOW });
  client = await connect();
});
afterAll(() => client.end());

const kpis = async (code: string) => {
  const unit = (await findUnit(code))!;
  return (await sumKpis([unit], PERIOD, NOW)).get(unit.id)!;
};
const unitRow = async (code: string) =>
  (
    await client.query(
      `
  SELECT u.name, u.level::text AS level, p.code AS parent, u.path, u.depth, u.valid_from::text AS "validFrom",
         u.valid_to::text AS "validTo", s.code AS successor
  FROM units u LEFT JOIN units p ON p.id = u.parent_id
  LEFT JOIN unit_successions us ON us.from_unit_id = u.id AND us.is_primary LEFT JOIN units s ON s.id = us.to_unit_id
  WHERE u.code = $1 ORDER BY u.valid_from DESC LIMIT 1`,
      [code],
    )
  ).rows[0];
const treeDigest = async () =>
  (
    await client.query(`
  SELECT md5(string_agg(concat_ws('|', code, name, level, parent_id, path, depth, valid_from, valid_to, agency_id, aliases,
    (SELECT string_agg(to_unit_id || ':' || effective_on || ':' || share || ':' || is_primary, ';' ORDER BY to_unit_id)
     FROM unit_successions WHERE from_unit_id = units.id)), ',' ORDER BY code, valid_from)) AS d
  FROM units`)
  ).rows[0].d as string;

describe('units', () => {
  test('a dry run checks the whole file against the tree and writes nothing', async () => {
    const before = await treeDigest();
    const s = await importUnits(true);
    expect({ inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, importId: s.importId }).toEqual({
      inserted: 2,
      updated: 2,
      unchanged: 1,
      importId: null,
    });
    expect(s.rejected).toHaveLength(6);
    expect(await treeDigest()).toBe(before);
  });

  test('inserts, moves a subtree with its KPIs, refuses unknown parents and cycles with row, column, value and reason', async () => {
    const district = await kpis('610');
    const province = await kpis('62');
    expect(district.received).toBeGreaterThan(0);
    const s = await importUnits();
    expect({ rows: s.rows, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged }).toEqual({
      rows: 11,
      inserted: 2,
      updated: 2,
      unchanged: 1,
    });
    expect(s.rejected).toEqual([
      {
        row: 6,
        column: 'MaDonViCha',
        value: 'KHONGCO',
        reason: 'đơn vị cha: không có đơn vị mã "KHONGCO" (trong cơ sở dữ liệu hay trong tệp)',
      },
      { row: 7, column: 'MaDonViCha', value: 'C2', reason: 'đơn vị cha tạo thành vòng lặp: C1 → C2 → C1' },
      { row: 8, column: 'MaDonViCha', value: 'C1', reason: 'đơn vị cha: đơn vị mã "C1" ở dòng 7 bị từ chối' },
      { row: 9, column: 'MaDonViCha', value: '23281', reason: 'đơn vị cha tạo thành vòng lặp: 608 → 23281 → 608' },
      { row: 10, column: 'CapDonVi', value: 'thon', reason: '"thon" không phải cấp đơn vị (tinh, so_nganh, huyen, xa)' },
      { row: 11, column: 'HieuLucDen', value: '30/06/2025', reason: 'ngày hết hiệu lực trước ngày bắt đầu hiệu lực' },
    ]);

    // The new province (last row) is a root; the district moved under it, its communes with it.
    const root = await unitRow('99');
    expect(root).toMatchObject({ level: 'tinh', parent: null, depth: 0, validFrom: '2025-07-01' });
    const moved = await unitRow('610');
    expect(moved).toMatchObject({ parent: '99', depth: 1 });
    expect(moved.path.startsWith(root.path)).toBe(true);
    const communes = (
      await client.query(`SELECT c.code, c.path, c.depth FROM units c JOIN units d ON d.id = c.parent_id WHERE d.code = '610'`)
    ).rows;
    expect(communes.length).toBe(13); // 11 communes of Đăk Glei, the new one, and none lost
    for (const c of communes)
      expect({ code: c.code, under: c.path.startsWith(moved.path), depth: c.depth }).toEqual({
        code: c.code,
        under: true,
        depth: 2,
      });
    expect(await unitRow('29901')).toMatchObject({
      name: 'UBND xã Thử Nghiệm',
      level: 'xa',
      parent: '610',
      validFrom: '2025-07-01',
    });
    expect(await unitRow('23344')).toMatchObject({ validTo: '2025-06-30', successor: '23341' });
    expect(await unitRow('608')).toMatchObject({ parent: '62' }); // the cycle was refused: unchanged
    for (const code of ['X1', 'C1', 'C2', 'X2', 'X3']) expect(await unitRow(code)).toBeUndefined();
    const { rows: bad } = await client.query(`SELECT count(*)::int AS n FROM units u LEFT JOIN units p ON p.id = u.parent_id
      WHERE u.path <> COALESCE(p.path, '/') || u.id || '/' OR u.depth <> COALESCE(p.depth + 1, 0)`);
    expect(bad[0].n).toBe(0);

    // The district's KPIs follow it: the new province now counts them, the old one no longer does.
    expect(await kpis('99')).toEqual(district);
    expect(await kpis('610')).toEqual(district);
    const after = await kpis('62');
    for (const key of Object.keys(province) as Array<keyof typeof province>) {
      expect(after[key], key).toBe(province[key] - district[key]);
    }

    // The history keeps the batch with its counts and rejected rows.
    const batch = (
      await client.query(
        `SELECT kind::text, status::text, inserted, updated, unchanged, rejected, jsonb_array_length(errors) AS errors
      FROM import_batches WHERE id = $1`,
        [s.importId],
      )
    ).rows[0];
    expect(batch).toEqual({ kind: 'units', status: 'done', inserted: 2, updated: 2, unchanged: 1, rejected: 6, errors: 6 });
  });

  test('re-importing the same file changes nothing: unchanged 5', async () => {
    const before = await treeDigest();
    const s = await importUnits();
    expect({ inserted: s.inserted, updated: s.updated, unchanged: s.unchanged }).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 5,
    });
    expect(s.rejected.map((e) => e.row)).toEqual([6, 7, 8, 9, 10, 11]);
    expect(await treeDigest()).toBe(before);
  });
});

describe('the kind told by the header', () => {
  test.each([
    ['units.csv', 'units'],
    ['dossiers-vi-bom-semicolon.csv', 'dossiers'],
    ['dossiers-ascii-comma.csv', 'dossiers'],
    ['procedures.csv', 'procedures'],
    ['holidays.csv', 'holidays'],
    ['feedback.csv', 'feedback'],
  ] as const)('%s is read as %s', async (name, kind) => {
    const s = await importFile('auto', fixture(name), { fileName: name, source: 'test', dryRun: true });
    expect(s.kind).toBe(kind);
    expect(s.rows).toBeGreaterThan(0);
  });

  test('a header that tells nothing is refused with what to do', async () => {
    const file = Readable.from([Buffer.from('Tên;Ghi chú\nA;B\n')]);
    await expect(importFile('auto', file, { fileName: 'x.csv', source: 'test' })).rejects.toThrow(ImportFileError);
    await expect(
      importFile('auto', Readable.from([Buffer.from('Tên;Ghi chú\nA;B\n')]), { fileName: 'x.csv', source: 'test' }),
    ).rejects.toThrow(/^Không nhận ra loại dữ liệu từ dòng tiêu đề .*hãy chọn loại dữ liệu\.$/);
  });

  test('a units file read as auto keeps the units columns only, and asks for the missing ones', async () => {
    await expect(
      importFile('auto', Readable.from([Buffer.from('MaDonVi,CapDonVi,MaHoSoX\n1,xa,2\n')]), {
        fileName: 'x.csv',
        source: 'test',
      }),
    ).rejects.toThrow('Tệp thiếu cột bắt buộc: TenDonVi (dòng tiêu đề là dòng 1).');
  });
});

describe('POST /api/v1/imports (the upload page)', () => {
  const send = async (query: Record<string, string>, body: string | Buffer, headers: Record<string, string>) => {
    const response = await upload(
      new Request(`http://localhost/api/v1/imports?${new URLSearchParams(query)}`, {
        method: 'POST',
        body: typeof body === 'string' ? body : new Uint8Array(body),
        headers: { ...headers, 'Content-Type': 'text/csv' },
      }),
    );
    const text = await response.text();
    return {
      status: response.status,
      lines: response.ok
        ? text
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l))
        : [JSON.parse(text)],
    };
  };

  test('streams progress then the result; the batch keeps its rejected rows, which download as CSV', async () => {
    const admin = await apiTokenHeaders('admin');
    const before = await treeDigest();
    const dry = await send(
      { kind: 'units', fileName: 'units.csv', dryRun: '1' },
      fs.readFileSync(path.join(import.meta.dirname, '../fixtures/units.csv')),
      admin,
    );
    expect(dry.status).toBe(200);
    expect(dry.lines[0]).toEqual({ type: 'progress', rows: 0, bytes: 0 });
    expect(dry.lines.at(-1)).toMatchObject({
      type: 'done',
      importId: null,
      dryRun: true,
      rows: 11,
      unchanged: 5,
      rejectedRows: 6,
    });
    expect(await treeDigest()).toBe(before);

    const importer = await apiTokenHeaders('importer', '608');
    const csv =
      'MaHoSo;MaDonVi;MaTTHC;NgayTiepNhan;NgayHenTra\nUP-1;23281;1.001193;02/11/2026 08:00;05/11/2026\nUP-2;STP;1.001193;02/11/2026;05/11/2026\n';
    const r = await send({ kind: 'dossiers', fileName: 'hoso.csv' }, csv, importer);
    const done = r.lines.at(-1);
    expect(done).toMatchObject({
      type: 'done',
      rows: 2,
      inserted: 1,
      rejectedRows: 1,
      errors: [
        { row: 3, code: 'UP-2', column: 'MaDonVi', value: 'STP', reason: 'không có đơn vị mã "STP" trong phạm vi được phép' },
      ],
    });
    const history = (
      await client.query(`SELECT source, file_name, kind::text FROM import_batches WHERE id = $1`, [done.importId])
    ).rows[0];
    expect(history).toEqual({ source: expect.stringMatching(/^upload:token:/), file_name: 'hoso.csv', kind: 'dossiers' });

    const download = await rejectedCsv(
      new Request(`http://localhost/api/v1/imports/${done.importId}/rejected`, { headers: importer }),
      { params: Promise.resolve({ id: String(done.importId) }) },
    );
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toBe(
      // The rejected row as it came, in the file's columns, with its row and reason: correct it and import it as is.
      '\uFEFFMaHoSo,MaDonVi,MaTTHC,NgayTiepNhan,NgayHenTra,Dòng,Lý do\r\n' +
        'UP-2,STP,1.001193,02/11/2026,05/11/2026,3,"MaDonVi ""STP"": không có đơn vị mã ""STP"" trong phạm vi được phép"\r\n',
    );
    // Another's import is not the token's to read.
    const [other] = (await client.query(`SELECT id FROM import_batches WHERE source = 'test' ORDER BY id LIMIT 1`)).rows;
    const refused = await rejectedCsv(
      new Request(`http://localhost/api/v1/imports/${other.id}/rejected`, { headers: importer }),
      { params: Promise.resolve({ id: String(other.id) }) },
    );
    expect(refused.status).toBe(404);
  });

  test('an importer bound to a unit may not import catalogues; a refused file says why and writes nothing', async () => {
    const importer = await apiTokenHeaders('importer', '608');
    const units = await send({ kind: 'units', fileName: 'units.csv' }, 'MaDonVi,TenDonVi,CapDonVi\nX,Y,xa\n', importer);
    expect(units).toMatchObject({ status: 403, lines: [{ error: 'forbidden' }] });
    const count = async () => (await client.query(`SELECT count(*)::int AS n FROM import_batches`)).rows[0].n;
    const before = await count();
    const bad = await send({ kind: 'dossiers', fileName: 'hong.xlsx' }, Buffer.from('not a zip'), importer);
    expect(bad.lines.at(-1)).toEqual({
      type: 'error',
      message: 'Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel (.xlsx). Không có gì được nhập.',
    });
    expect(await count()).toBe(before);
  });
});
