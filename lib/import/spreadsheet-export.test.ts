// One-stop systems' spreadsheet exports read as they are (SPEC §4.1): the header below a title block, footer lines
// skipped, short rows, originals for the rejected-rows file, channels in words — on the "Sổ theo dõi hồ sơ" fixtures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { EXPECTED } from '../../tests/fixtures/so-theo-doi-ho-so.expected';
import ExcelJS from 'exceljs';
import { CsvFormatError, openCsv } from './csv';
import { DOSSIER_COLUMNS, DOSSIER_COLUMN_GROUPS, type DossierColumn } from './headers';
import type { SourceRow, TableFile } from './source';
import { findHeader, footerText, isFooterText, openTable, type ReadRow } from './table';
import { parseChannel, parseDateTime } from './values';
import { openXlsx } from './xlsx';

const fixture = (name: string) => fs.createReadStream(path.join(import.meta.dirname, '../../tests/fixtures', name));
const csvOf = (text: string) => Readable.from([Buffer.from(text)]);

async function readAll<C extends string>(file: TableFile<C>) {
  const rows: SourceRow<C>[] = [];
  for await (const row of file.rows) rows.push(row);
  return rows;
}

const OPEN = {
  csv: () => openCsv(fixture('so-theo-doi-ho-so.csv'), DOSSIER_COLUMNS, DOSSIER_COLUMN_GROUPS),
  xlsx: () => openXlsx(fixture('so-theo-doi-ho-so.xlsx'), DOSSIER_COLUMNS, undefined, DOSSIER_COLUMN_GROUPS),
};

describe.each(['csv', 'xlsx'] as const)('the "Sổ theo dõi hồ sơ" export (%s)', (format) => {
  test('the header is found below the title block, personal columns blanked', async () => {
    const file = await OPEN[format]();
    expect(file.headerRow).toBe(EXPECTED.headerRow);
    expect(file.headerCells).toEqual(EXPECTED.headerCells);
    expect(file.delimiter).toBe(format === 'csv' ? ';' : null);
    expect(file.header.missing).toEqual([]);
    expect(file.header.ignored).toEqual(EXPECTED.ignoredHeaders);
    expect(file.header.columns).toEqual([
      null,
      'MaHoSo',
      'TenTTHC',
      'TenLinhVuc',
      null,
      null,
      null,
      'DonViXuLy',
      'NgayTiepNhan',
      'NgayHenTra',
      'NgayKetThucXuLy',
      'NgayTra',
      'TrangThaiHoSo',
      'KenhThucHien',
      'CanBoXuLy',
    ]);
  });

  test('every data row read by position, short rows up to their last cell, dates and channels as expected', async () => {
    const rows = await readAll(await OPEN[format]());
    const data = rows.filter((r) => r.skip === undefined);
    expect(data.map((r) => r.row)).toEqual(EXPECTED.rows.map((e) => e.row));
    const local = (v: string | undefined, dateOnly: 'start' | 'end' = 'start') => {
      if (v === undefined || v.trim() === '') return null;
      const d = parseDateTime(v, dateOnly);
      return d.ok ? d.value.toISOString() : d.reason;
    };
    const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
    for (const [i, e] of EXPECTED.rows.entries()) {
      const raw = data[i]!.raw as Partial<Record<DossierColumn, string>>;
      expect({ row: data[i]!.row, code: raw.MaHoSo }).toEqual({ row: e.row, code: e.code });
      expect(raw.DonViXuLy).toBe(e.unitName);
      expect(raw.TenTTHC).toBe(e.procedureName);
      expect(raw.TrangThaiHoSo).toBe(e.statusLabel);
      expect(raw.KenhThucHien).toBe(e.channelLabel);
      expect(parseChannel(raw.KenhThucHien!)).toEqual({ ok: true, value: e.channel });
      expect(local(raw.NgayTiepNhan)).toBe(iso(e.receivedAt));
      expect(local(raw.NgayHenTra, 'end')).toBe(iso(e.dueAt));
      expect(local(raw.NgayKetThucXuLy)).toBe(iso(e.processedAt));
      expect(local(raw.NgayTra)).toBe(iso(e.returnedAt));
      expect(raw.CanBoXuLy?.trim() || null).toBe(e.handler);
      // Excel date cells come as ISO text of their wall-clock time, text cells as written.
      const excel = format === 'xlsx' && e.excelDates;
      if (e.receivedAt !== null)
        expect(raw.NgayTiepNhan).toMatch(excel ? /^2025-11-\d\dT\d\d:\d\d:00\.000$/ : /^\d\d\/11\/2025 \d\d:\d\d:00$/);
    }
  });

  test('a short row is read up to its last cell; its original is padded to the header', async () => {
    const rows = await readAll(await OPEN[format]());
    for (const e of EXPECTED.rows.filter((r) => r.short)) {
      const r = rows.find((x) => x.row === e.row)!;
      expect(r.raw).not.toHaveProperty('CanBoXuLy'); // no cell there: nothing read, not even an empty string
      expect(r.raw.KenhThucHien).toBe(e.channelLabel); // the last cell it has
      expect(r.original).toHaveLength(EXPECTED.headerCells.length);
      expect((r.original as string[]).at(-1)).toBe('');
    }
  });

  test('originals are the cells as read, aligned to the header, personal columns blanked; no personal value anywhere', async () => {
    const file = await OPEN[format]();
    const rows = await readAll(file);
    for (const r of rows) {
      const original = r.original as string[];
      expect(original.length).toBeGreaterThanOrEqual(file.headerCells!.length);
      expect([original[4], original[5], original[6]]).toEqual(['', '', '']);
    }
    const first = rows[0]!.original as string[];
    expect(first[1]).toBe(EXPECTED.rows[0]!.code);
    expect(first[7]).toBe(EXPECTED.rows[0]!.unitName);
    expect(first[12]).toBe(EXPECTED.rows[0]!.statusLabel);
    expect(JSON.stringify({ headerCells: file.headerCells, rows })).not.toContain(EXPECTED.personalMarker);
  });

  test('the footer (totals, dated place line, signatures) is skipped with the reason; the blank row between is dropped', async () => {
    const rows = await readAll(await OPEN[format]());
    const skipped = rows.filter((r) => r.skip !== undefined);
    expect(skipped.map((r) => r.row)).toEqual(EXPECTED.footerRows.map((f) => f.row));
    expect(skipped.map((r) => r.skip)).toEqual([
      'dòng cuối bảng ("Tổng cộng: 15 hồ sơ")',
      'sau dòng cuối bảng (dòng 23: "Tổng cộng: 15 hồ sơ")',
      'sau dòng cuối bảng (dòng 23: "Tổng cộng: 15 hồ sơ")',
      'sau dòng cuối bảng (dòng 23: "Tổng cộng: 15 hồ sơ")',
    ]);
    expect(rows.map((r) => r.row)).not.toContain(24);
    expect(rows).toHaveLength(EXPECTED.counts.dataRows + EXPECTED.footerRows.length);
  });
});

describe('the header row', () => {
  const specs = DOSSIER_COLUMNS;
  test.each([
    [
      'the first row, when it is the header',
      [
        ['MaHoSo', 'MaDonVi'],
        ['HS-1', '608'],
      ],
      0,
    ],
    ['below title lines and blank rows', [['SỔ THEO DÕI HỒ SƠ'], [''], ['', ''], ['Mã hồ sơ', 'Ngày tiếp nhận'], ['1', '2']], 3],
    [
      'the one naming the most columns',
      [
        ['Mã hồ sơ', ''],
        ['Mã hồ sơ', 'Ngày tiếp nhận', 'Mã TTHC'],
      ],
      1,
    ],
    [
      'the first of a tie',
      [
        ['Mã hồ sơ', 'Mã TTHC'],
        ['MaHoSo', 'MaTTHC'],
      ],
      0,
    ],
    ['with no known column, the first non-blank row', [[''], ['x', 'y'], ['z']], 1],
    ['none when all are blank', [[''], ['', '']], -1],
  ])('%s', (_, rows, index) => expect(findHeader(rows, specs)).toBe(index));

  test('CSV: a title line with a comma does not decide the delimiter; the header line does', async () => {
    const file = await openCsv(
      csvOf(
        'UBND TỈNH QUẢNG NGÃI\nDanh sách hồ sơ từ ngày 01/11/2025, đến ngày 30/11/2025\n\n' +
          'Số hồ sơ;Cơ quan/đơn vị;Tên thủ tục hành chính;Ngày tiếp nhận\nHS-1;Phường Kon Tum;Đăng ký khai sinh, lưu động;03/11/2025\n',
      ),
      DOSSIER_COLUMNS,
      DOSSIER_COLUMN_GROUPS,
    );
    expect(file.delimiter).toBe(';');
    expect(file.headerRow).toBe(4);
    const rows = await readAll(file);
    expect(rows).toEqual([
      {
        row: 5,
        raw: { MaHoSo: 'HS-1', DonViXuLy: 'Phường Kon Tum', TenTTHC: 'Đăng ký khai sinh, lưu động', NgayTiepNhan: '03/11/2025' },
        original: ['HS-1', 'Phường Kon Tum', 'Đăng ký khai sinh, lưu động', '03/11/2025'],
      },
    ]);
  });

  test('CSV: a header 31 rows down is not looked for: the file is refused for its missing columns', async () => {
    const file = await openCsv(csvOf(`${'Báo cáo;\n'.repeat(30)}MaHoSo;MaDonVi;MaTTHC;NgayTiepNhan\n`), DOSSIER_COLUMNS);
    expect(file.headerRow).toBe(1);
    expect(file.header.missing).toEqual(['MaHoSo', 'NgayTiepNhan']);
  });

  test('CSV: blank lines count as rows (the numbers a spreadsheet shows) and are dropped', async () => {
    const rows = await readAll(
      await openCsv(csvOf('MaHoSo;NgayTiepNhan\n\nHS-1;03/11/2025\n;\nHS-2;04/11/2025\n'), DOSSIER_COLUMNS),
    );
    expect(rows.map((r) => [r.row, r.raw.MaHoSo])).toEqual([
      [3, 'HS-1'],
      [5, 'HS-2'],
    ]);
  });
});

describe('reading by position', () => {
  test('XLSX: a header on the first row as before; a row with gaps (a sparse row in exceljs) read cell by cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Hồ sơ');
    ws.addRow(['MaHoSo', 'MaDonVi', 'MaTTHC', 'NgayTiepNhan', 'KenhThucHien']);
    ws.getCell('A2').value = 'HS-1';
    ws.getCell('D2').value = '03/11/2025';
    ws.getCell('A3').value = 'HS-2';
    ws.getCell('B3').value = '23293';
    const file = await openXlsx(Readable.from([Buffer.from(await workbook.xlsx.writeBuffer())]), DOSSIER_COLUMNS);
    expect(file.headerRow).toBe(1);
    expect(await readAll(file)).toEqual([
      {
        row: 2,
        raw: { MaHoSo: 'HS-1', MaDonVi: '', MaTTHC: '', NgayTiepNhan: '03/11/2025' },
        original: ['HS-1', '', '', '03/11/2025', ''],
      },
      { row: 3, raw: { MaHoSo: 'HS-2', MaDonVi: '23293' }, original: ['HS-2', '23293', '', '', ''] },
    ]);
  });

  test('XLSX: read through the zip directory, whatever the order of its entries — every time whole, nothing left behind', async () => {
    // exceljs's writer stores xl/workbook.xml last; its streaming reader now and then lost that entry (exceljs #3064).
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Trang bìa').addRow(['Sổ theo dõi hồ sơ']);
    const ws = workbook.addWorksheet('Hồ sơ');
    ws.addRow(['MaHoSo', 'NgayTiepNhan']);
    for (let i = 1; i <= 200; i++) ws.addRow([`HS-${i}`, '03/11/2025']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const spooled = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('tthc-xlsx-')).length;
    const before = spooled();
    for (let round = 0; round < 30; round++) {
      const rows = await readAll(await openXlsx(Readable.from([bytes]), DOSSIER_COLUMNS, 'Hồ sơ'));
      expect(rows.map((r) => r.raw.MaHoSo)).toEqual(Array.from({ length: 200 }, (_, i) => `HS-${i + 1}`));
    }
    // The first sheet by the workbook's order when none is named; a file refused before its rows are read is released.
    const cover = await openXlsx(Readable.from([bytes]), DOSSIER_COLUMNS);
    expect(cover.header.missing).toContain('MaHoSo');
    await cover.close?.();
    expect(spooled()).toBe(before);
    await expect(openXlsx(Readable.from([Buffer.from('PK not a zip')]), DOSSIER_COLUMNS)).rejects.toThrow(
      /^Tệp XLSX hỏng, không đọc được \(/,
    );
    expect(spooled()).toBe(before);
  });

  test('a read that fails within the first 30 rows: the rows before it come first, then the failure', async () => {
    const rows = [
      ['MaHoSo', 'NgayTiepNhan'],
      ['HS-1', '03/11/2025'],
    ];
    let at = 0;
    const read: AsyncIterator<ReadRow> = {
      async next() {
        if (at === rows.length) throw new CsvFormatError(3, 'hỏng');
        at++;
        return { done: false, value: { number: at, cells: rows[at - 1]! } };
      },
    };
    const file = await openTable(read, DOSSIER_COLUMNS);
    expect(file.headerRow).toBe(1);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const r of file.rows) seen.push(r.raw.MaHoSo ?? '');
      })(),
    ).rejects.toThrow('Tệp CSV không đọc được từ dòng 3: hỏng');
    expect(seen).toEqual(['HS-1']);
    // Failing at once: no row to give, the file is refused whole.
    const broken: AsyncIterator<ReadRow> = { next: () => Promise.reject(new CsvFormatError(1, 'hỏng')) };
    await expect(openTable(broken, DOSSIER_COLUMNS)).rejects.toThrow(CsvFormatError);
  });
});

describe('footer lines', () => {
  test.each([
    'Tổng cộng: 12 hồ sơ',
    'TỔNG CỘNG',
    'Tong so ho so: 12',
    'Cộng: 12',
    'Cộng',
    'Người lập biểu',
    'NGƯỜI LẬP BIỂU',
    'Thủ trưởng đơn vị',
    'Lãnh đạo đơn vị',
    '(Ký, ghi rõ họ tên)',
    '(ký tên, đóng dấu)',
    'Xác nhận của thủ trưởng đơn vị',
    'Xác nhận',
    'KT. CHỦ TỊCH',
    'Kon Tum, ngày 05 tháng 12 năm 2025',
    'Quảng Ngãi,  ngày 01  tháng 12 năm 2025',
    'Ngày 05 tháng 12 năm 2025',
    'Quảng Ngãi, ngày ... tháng ... năm 2025',
  ])('%s is a footer line', (text) => expect(isFooterText(text)).toBe(true));

  test.each([
    'Công dân yêu cầu rút hồ sơ', // "Công" folds as "Cộng" does
    'Công chứng hợp đồng',
    'Tổng hợp báo cáo',
    'Xác nhận tình trạng hôn nhân',
    'Đăng ký khai sinh',
    '000.33.21.H48-251103-0001',
    '12',
    'Ngày tiếp nhận',
  ])('%s is not', (text) => expect(isFooterText(text)).toBe(false));

  test('only the first non-empty cell is read, and only when the key cell is empty or is that cell', () => {
    const key = [1]; // MaHoSo in the second column
    expect(footerText(['Tổng cộng: 3 hồ sơ', '', '', '3'], key)).toBe('Tổng cộng: 3 hồ sơ');
    expect(footerText(['', 'Tổng cộng: 3 hồ sơ'], key)).toBe('Tổng cộng: 3 hồ sơ'); // written in the key column itself
    expect(footerText(['', '', '', 'Quảng Ngãi, ngày 01 tháng 12 năm 2025'], key)).toBe('Quảng Ngãi, ngày 01 tháng 12 năm 2025');
    // A data row: its key is there, whatever its other cells say.
    expect(footerText(['', 'HS-1', 'Xác nhận', 'Tổng cộng'], key)).toBeNull();
    expect(footerText(['Cộng', 'HS-1'], key)).toBeNull();
    expect(footerText(['5', 'HS-1', 'Tổng hợp, xác nhận'], key)).toBeNull();
    // A later cell is not read.
    expect(footerText(['Ghi nhận', '', 'Tổng cộng'], key)).toBeNull();
    expect(footerText(['', ''], key)).toBeNull();
  });

  test('a data row naming such words in a later column does not end the data', async () => {
    const file = await openCsv(
      csvOf(
        'STT;Số hồ sơ;Tên thủ tục hành chính;Trạng thái hồ sơ\n' +
          '1;HS-1;Tổng hợp hồ sơ đề nghị xác nhận;Công dân yêu cầu rút hồ sơ\n' +
          '2;HS-2;Xác nhận tình trạng hôn nhân;Đang xử lý\n' +
          'Cộng: 2;;;\n' +
          '3;HS-3;Đăng ký khai sinh;Đang xử lý\n',
      ),
      DOSSIER_COLUMNS,
    );
    const rows = await readAll(file);
    expect(rows.map((r) => [r.row, r.raw.MaHoSo, r.skip])).toEqual([
      [2, 'HS-1', undefined],
      [3, 'HS-2', undefined],
      [4, '', 'dòng cuối bảng ("Cộng: 2")'],
      // After the footer: skipped, whatever it looks like (a second table, notes).
      [5, 'HS-3', 'sau dòng cuối bảng (dòng 4: "Cộng: 2")'],
    ]);
  });
});

describe('KenhThucHien', () => {
  test.each([
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['Trực tiếp', 1],
    ['TRỰC TIẾP', 1],
    ['truc tiep', 1],
    ['Trực tuyến', 2],
    ['Qua mạng', 2],
    ['qua mang', 2],
    ['Bưu chính', 3],
    ['Bưu chính công ích', 3],
    ['Qua bưu chính công ích', 3],
    ['Dịch vụ bưu chính công ích', 3],
    ['  buu chinh cong ich ', 3],
  ] as const)('%s → %i', (text, code) => expect(parseChannel(text)).toEqual({ ok: true, value: code }));

  test.each([
    ['7', '"7" không thuộc các giá trị 1, 2, 3'],
    ['Fax', '"Fax" không phải kênh thực hiện (1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích)'],
  ])('refuses %s', (text, reason) => expect(parseChannel(text)).toEqual({ ok: false, reason }));
});
