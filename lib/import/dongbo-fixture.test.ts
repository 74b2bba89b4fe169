// The DongBoHoSoMC fixture of new Quảng Ngãi read by the pure layer (openJson → parseDossierRow) agrees with what its
// .expected.json says, field by field, and nothing personal survives reading. Resolving the unit and the procedure
// (MaDinhDanh, MaHoSo prefix, names) needs the database: the integration test checks unitCode/procedureCode.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseDossierRow } from './dossier-row';
import { DOSSIER_COLUMNS, DOSSIER_COLUMN_GROUPS } from './headers';
import { openJson } from './json';

const fixtures = path.join(import.meta.dirname, '../../tests/fixtures');
const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'dongbo-quang-ngai.expected.json'), 'utf8')) as {
  records: Array<
    { index: number; MaHoSo: string } & (
      | { outcome: 'imported'; unitCode: string; procedureCode: string; fields: Record<string, unknown> }
      | { outcome: 'skipped'; reason: string }
      | { outcome: 'rejected'; errors: Array<{ column: string; value: string; reason: string }> }
    )
  >;
};

async function readFixture() {
  const file = await openJson(
    fs.createReadStream(path.join(fixtures, 'dongbo-quang-ngai.json'), { highWaterMark: 1024 }),
    DOSSIER_COLUMNS,
    DOSSIER_COLUMN_GROUPS,
  );
  const rows = [];
  for await (const row of file.rows) rows.push(row);
  return { file, rows };
}

describe('tests/fixtures/dongbo-quang-ngai.json', () => {
  test('every personal value is marked, so that a later test can look for it anywhere', () => {
    const { data } = JSON.parse(fs.readFileSync(path.join(fixtures, 'dongbo-quang-ngai.json'), 'utf8')) as {
      data: Record<string, unknown>[];
    };
    const markers = new Set<string>();
    for (const record of data) {
      for (const key of ['ChuHoSo', 'SoDienThoai', 'Email', 'SoGiayToChuHoSo', 'DiaChi', 'TrichYeuHoSo', 'DinhDanhCHS']) {
        const found = JSON.stringify(record[key]).match(/PII-MARKER-[\w-]+/g) ?? [];
        expect(found.length, `${String(record.MaHoSo)} ${key}`).toBeGreaterThan(0);
        for (const m of found) {
          expect(markers.has(m), m).toBe(false);
          markers.add(m);
        }
      }
    }
  });

  test('each record as expected: imported with its fields, skipped or rejected with its reason', async () => {
    const { rows } = await readFixture();
    expect(rows.map((r) => r.row)).toEqual(expected.records.map((e) => e.index));
    for (const [i, e] of expected.records.entries()) {
      const { raw, row } = rows[i]!;
      expect(raw.MaHoSo).toBe(e.MaHoSo);
      // The unit and the procedure are resolved later, from whichever column the record has.
      const parsed = parseDossierRow({ MaDonVi: 'resolved later', MaTTHC: 'resolved later', ...raw }, row);
      if (e.outcome === 'skipped') expect(parsed, e.MaHoSo).toEqual({ ok: false, skip: e.reason, errors: [] });
      else if (e.outcome === 'rejected') {
        expect(parsed, e.MaHoSo).toEqual({ ok: false, errors: e.errors.map((err) => ({ row, ...err })) });
      } else {
        expect(parsed.ok, `${e.MaHoSo}: ${JSON.stringify(parsed)}`).toBe(true);
        if (!parsed.ok) continue;
        const record = parsed.record as Record<string, unknown>;
        const actual = Object.fromEntries(
          Object.keys(e.fields).map((k) => [k, record[k] instanceof Date ? (record[k] as Date).toISOString() : record[k]]),
        );
        expect(actual, e.MaHoSo).toEqual(e.fields);
      }
    }
  });

  test('nothing personal is read: not in the cells, not in the record kept for the rejected-rows file', async () => {
    const { file, rows } = await readFixture();
    expect(JSON.stringify(rows)).not.toMatch(/PII-MARKER/);
    expect(JSON.stringify(file.header)).not.toMatch(/ChuHoSo|SoDienThoai|Email|SoGiayTo|DinhDanhCHS|DiaChi|TrichYeu/);
  });
});
