// Reading import files (SPEC §4): headers and aliases, cell values, rows, CSV dialects — on real files.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { CsvFormatError, openCsv } from './csv';
import { parseDossierRow, type RowError } from './dossier-row';
import { DOSSIER_COLUMNS, DOSSIER_COLUMN_GROUPS, matchHeaders, normalizeHeader } from './headers';
import { parseDateTime, parseInteger } from './values';

const fixture = (name: string) => fs.createReadStream(path.join(import.meta.dirname, '../../tests/fixtures', name));
const at = (local: string) => new Date(`${local}+07:00`);

describe('headers', () => {
  test.each([
    ['Ngày tiếp nhận', 'ngaytiepnhan'],
    ['NgayTiepNhan', 'ngaytiepnhan'],
    ['ngay tiep nhan', 'ngaytiepnhan'],
    ['\uFEFFMã hồ sơ', 'mahoso'],
    ['Mã đơn vị', 'madonvi'],
    ['Phí, lệ phí', 'philephi'],
  ])('%s → %s', (header, normal) => expect(normalizeHeader(header)).toBe(normal));

  test('canonical names, Vietnamese aliases with or without diacritics; unknown columns ignored and reported', () => {
    const m = matchHeaders(
      ['MaHoSo', 'Mã đơn vị', 'MA TTHC', 'ngay tiep nhan', 'Phòng ban', 'Mã hồ sơ', 'Ghi chú'],
      DOSSIER_COLUMNS,
    );
    expect(m.columns).toEqual(['MaHoSo', 'MaDonVi', 'MaTTHC', 'NgayTiepNhan', null, null, null]);
    // Free text about the applicant is not even named: it is personal data, never read (SPEC §4.1).
    expect(m.ignored).toEqual(['Phòng ban']);
    expect(m.duplicated).toEqual(['MaHoSo']);
    expect(m.missing).toEqual([]);
  });

  test('missing required columns are named', () => {
    expect(matchHeaders(['MaHoSo', 'NgayTiepNhan'], DOSSIER_COLUMNS, DOSSIER_COLUMN_GROUPS).missing).toEqual([
      'MaDonVi',
      'MaTTHC',
    ]);
  });
});

describe('values', () => {
  test.each([
    ['03/03/2025', 'start', at('2025-03-03T00:00:00')],
    ['03/03/2025', 'end', at('2025-03-03T23:59:59.999')],
    ['3/3/2025 8:05', 'start', at('2025-03-03T08:05:00')],
    ['03/03/2025 08:05:30', 'start', at('2025-03-03T08:05:30')],
    ['2025-03-03', 'start', at('2025-03-03T00:00:00')],
    ['2025-03-03T08:05:00', 'start', at('2025-03-03T08:05:00')],
    ['2025-03-03T01:05:00Z', 'start', new Date('2025-03-03T01:05:00Z')],
    ['2025-03-03T08:05:00.250+0700', 'start', new Date('2025-03-03T01:05:00.250Z')],
    // The national sync payload's form (SPEC §4.1): local time, also accepted in CSV/XLSX cells.
    ['20251201080000', 'start', at('2025-12-01T08:00:00')],
    [' 20251231235959 ', 'end', at('2025-12-31T23:59:59')],
    ['20240229000000', 'start', at('2024-02-29T00:00:00')],
  ] as const)('date-time %s (%s)', (text, dateOnly, expected) => {
    expect(parseDateTime(text, dateOnly)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['31/02/2025', 'ngày 31/02/2025 không tồn tại'],
    ['2025-13-01', 'ngày 01/13/2025 không tồn tại'],
    ['03/03/2025 25:00', 'giờ trong "03/03/2025 25:00" không hợp lệ'],
    ['hôm qua', '"hôm qua" không phải ngày giờ hợp lệ (dd/MM/yyyy, dd/MM/yyyy HH:mm[:ss], yyyyMMddHHmmss hoặc ISO 8601)'],
    ['20250231080000', 'ngày 31/02/2025 không tồn tại'],
    ['20251301080000', 'ngày 01/13/2025 không tồn tại'],
    ['20251201250000', 'giờ trong "20251201250000" không hợp lệ'],
    ['20251201086000', 'giờ trong "20251201086000" không hợp lệ'],
    [
      '2025120108000',
      '"2025120108000" không phải ngày giờ hợp lệ (dd/MM/yyyy, dd/MM/yyyy HH:mm[:ss], yyyyMMddHHmmss hoặc ISO 8601)',
    ],
    [
      '2025120108000a',
      '"2025120108000a" không phải ngày giờ hợp lệ (dd/MM/yyyy, dd/MM/yyyy HH:mm[:ss], yyyyMMddHHmmss hoặc ISO 8601)',
    ],
  ])('refuses %s', (text, reason) => expect(parseDateTime(text)).toEqual({ ok: false, reason }));

  test('the common exact shapes read digit by digit agree with the calendar, valid or not (random cases)', () => {
    let seed = 766;
    const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 3_000; i++) {
      const [y, mo, d, h, mi, s, ms] = [
        1990 + random(50),
        1 + random(13),
        1 + random(31),
        random(25),
        random(61),
        random(61),
        random(1000),
      ];
      const iso = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}`;
      const oracle = new Date(`${iso}.${String(ms).padStart(3, '0')}+07:00`);
      // A real instant only when every part is in range and the day exists in that month.
      const valid = mo <= 12 && h <= 23 && mi <= 59 && s <= 59 && new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
      const expectedFor = (at: Date) => (valid ? { ok: true, value: at } : { ok: false, reason: expect.any(String) });
      expect(parseDateTime(`${two(d)}/${two(mo)}/${y} ${two(h)}:${two(mi)}:${two(s)}`)).toEqual(
        expectedFor(new Date(oracle.getTime() - ms)),
      );
      expect(parseDateTime(`${iso}.${String(ms).padStart(3, '0')}`)).toEqual(expectedFor(oracle));
      expect(parseDateTime(`${y}${two(mo)}${two(d)}${two(h)}${two(mi)}${two(s)}`)).toEqual(
        expectedFor(new Date(oracle.getTime() - ms)),
      );
      expect(parseDateTime(`${iso}Z`)).toEqual(expectedFor(new Date(oracle.getTime() - ms + 7 * 3_600_000)));
      expect(parseDateTime(`${iso}-05:30`)).toEqual(
        expectedFor(new Date(oracle.getTime() - ms + (7 * 60 + 5 * 60 + 30) * 60_000)),
      );
    }
  });

  test('amounts accept thousands separators; negatives are refused', () => {
    expect(parseInteger('50.000', 0, 1e12, true)).toEqual({ ok: true, value: 50000 });
    expect(parseInteger('1,250,000', 0, 1e12, true)).toEqual({ ok: true, value: 1250000 });
    expect(parseInteger('-5000', 0, 1e12, true)).toEqual({ ok: false, reason: '"-5000" là số âm' });
  });
});

async function readAll(name: string) {
  const file = await openCsv(fixture(name), DOSSIER_COLUMNS);
  const ok: Array<ReturnType<typeof parseDossierRow> & { ok: true }> = [];
  const errors: RowError[] = [];
  for await (const { row, raw } of file.rows) {
    const r = parseDossierRow(raw, row);
    if (r.ok) ok.push(r);
    else errors.push(...r.errors);
  }
  return { file, ok, errors };
}

describe('golden files', () => {
  test('BOM, ";", Vietnamese headers, dd/MM dates, quoted newline, thousands separator', async () => {
    const { file, ok, errors } = await readAll('dossiers-vi-bom-semicolon.csv');
    expect(file.delimiter).toBe(';');
    expect(file.header.missing).toEqual([]);
    expect(ok.map((r) => r.record.code)).toEqual(['HS-001', 'HS-002', 'HS-006', 'HS-001']);
    const second = ok[1]!.record;
    expect(second.procedureName).toBe('Đăng ký khai sinh\n(có yếu tố nước ngoài)');
    expect(second.receivedAt).toEqual(at('2025-03-03T00:00:00'));
    expect(second.dueAt).toEqual(at('2025-03-10T23:59:59.999'));
    expect(second.processedAt).toEqual(at('2025-03-11T09:00:30'));
    expect(second.fee).toBe(50000);
    expect(second.handler).toBe('Trần Thị Bình');
    expect(ok[0]!.record).toMatchObject({ channel: 2, rating: 3, supplementCount: 0, digitized: false });
    expect(errors).toEqual([
      // Rows as a spreadsheet shows them: HS-002's quoted line break keeps it on one row.
      { row: 4, column: 'NgayTiepNhan', value: '31/02/2025', reason: 'ngày 31/02/2025 không tồn tại' },
      { row: 5, column: 'PhiLePhi', value: '-5000', reason: '"-5000" là số âm' },
      { row: 6, column: 'NgayKetThucXuLy', value: '09/03/2025 08:00', reason: 'ngày kết thúc xử lý trước ngày tiếp nhận' },
    ]);
  });

  test('headers without diacritics, ",", ISO with and without offset, an extra column', async () => {
    const { file, ok, errors } = await readAll('dossiers-ascii-comma.csv');
    expect(file.delimiter).toBe(',');
    expect(file.header.ignored).toEqual([]); // 'Ghi chu': free text, personal data, not read
    expect(ok.map((r) => r.record.code)).toEqual(['HS-101', 'HS-102']);
    expect(ok[0]!.record).toMatchObject({
      receivedAt: new Date('2025-03-03T01:15:00Z'),
      processedAt: new Date('2025-03-04T03:00:00Z'),
      supplementRequestedAt: at('2025-03-03T09:00:00'),
      supplementCompletedAt: at('2025-03-03T15:00:00'),
      supplementCount: 1,
    });
    expect(ok[1]!.record).toMatchObject({ procedureCode: 'NEW.0001', dueAt: null, channel: 2 });
    expect(errors).toEqual([
      { row: 4, column: 'KenhThucHien', value: '7', reason: '"7" không thuộc các giá trị 1, 2, 3' },
      {
        row: 4,
        column: 'NgayHoanThanhBoSung',
        value: '2025-03-04T09:00:00',
        reason: 'có ngày hoàn thành bổ sung nhưng không có ngày yêu cầu bổ sung',
      },
    ]);
  });

  test('a file that is not a CSV of dossiers says which columns are missing', async () => {
    const file = await openCsv(
      Readable.from([Buffer.from('\u0000\u0001binary;junk\nx;y\n')]),
      DOSSIER_COLUMNS,
      DOSSIER_COLUMN_GROUPS,
    );
    expect(file.header.missing).toEqual(['MaHoSo', 'MaDonVi', 'MaTTHC', 'NgayTiepNhan']);
  });
});

describe('fuzz: random bytes, truncated files, huge fields', () => {
  const random = (() => {
    let s = 42;
    return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  })();
  const golden = fs.readFileSync(path.join(import.meta.dirname, '../../tests/fixtures/dossiers-vi-bom-semicolon.csv'));

  async function consume(bytes: Buffer) {
    const file = await openCsv(Readable.from([bytes]), DOSSIER_COLUMNS);
    let rows = 0;
    for await (const { row, raw } of file.rows) {
      const r = parseDossierRow(raw, row);
      expect(r.ok || r.errors.every((e) => e.row === row && e.reason.length > 0)).toBe(true);
      rows++;
    }
    return rows;
  }

  test.each(Array.from({ length: 60 }, (_, i) => i))('case %i never crashes: rows are read, or the break is named', async (i) => {
    let bytes: Buffer;
    if (i % 3 === 0)
      bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 4000) }, () => Math.floor(random() * 256)));
    else if (i % 3 === 1)
      bytes = golden.subarray(0, Math.floor(random() * golden.length)); // truncated anywhere
    else {
      const huge = 'x'.repeat(1 + Math.floor(random() * 3_000_000));
      bytes = Buffer.concat([golden, Buffer.from(`HS-9;608;1.001193;"${huge}";1;03/03/2025;;;;;\n`)]);
    }
    try {
      await consume(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(CsvFormatError);
      expect((error as Error).message).toMatch(/^Tệp CSV không đọc được từ dòng \d+/);
    }
  });
});
