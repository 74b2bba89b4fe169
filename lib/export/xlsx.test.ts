// The XLSX export format: values stay values (no formula injection) and a large export runs in bounded memory.
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { xlsxFormat } from './xlsx';

const COLUMNS = ['Mã hồ sơ', 'Cán bộ xử lý', 'Số ngày'];
const format = xlsxFormat('Hồ sơ trễ hạn', COLUMNS, (r) => [String(r.code), String(r.handler), Number(r.days)]);

/** Writes the batches; keeps the file's bytes only when asked (else counts them). */
async function write(batches: Iterable<Array<Record<string, unknown>>>, { keep = true, onBatch = () => {} } = {}) {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const file = format.open((c) => {
    bytes += c.byteLength;
    if (keep) chunks.push(c);
  });
  for (const batch of batches) {
    await file.rows(batch);
    onBatch();
  }
  await file.close();
  return { chunks, bytes };
}

describe('xlsxFormat', () => {
  test('writes the header and the rows as values; text that looks like a formula stays text', async () => {
    const hostile = ['=1+1', '+SUM(A1:A2)', '-2+3', '@A1', '=HYPERLINK("http://example.com","x")'];
    const { chunks } = await write([hostile.map((h, i) => ({ code: `HS-${i}`, handler: h, days: i }))]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Hồ sơ trễ hạn')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS);
    hostile.forEach((h, i) => {
      const cell = sheet.getRow(i + 2).getCell(2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(h);
      expect(sheet.getRow(i + 2).getCell(3).value).toBe(i);
    });
  });

  test('600,000 rows in bounded memory: the compressor keeps up with the rows', async () => {
    const rows = (n: number) =>
      Array.from({ length: 2_000 }, (_, i) => ({
        code: `23302-260727-${n * 2_000 + i}`,
        handler: 'Ngô Hoài Yến, UBND phường Lê Lợi — Đã giải quyết trễ hạn',
        days: i,
      }));
    let base = 0;
    let peak = 0;
    let n = 0;
    const { bytes } = await write(
      (function* () {
        for (n = 0; n < 300; n++) yield rows(n);
      })(),
      {
        keep: false,
        onBatch: () => {
          const rss = process.memoryUsage().rss;
          if (n === 10) base = rss;
          if (n > 10) peak = Math.max(peak, rss);
        },
      },
    );
    expect(bytes).toBeGreaterThan(10_000_000);
    // Bounded, RSS grows by about 45 MB (garbage not yet collected); unbounded (the uncompressed sheet, ~60 MB here,
    // piling up in the zip's input) by about 150 MB.
    expect(peak - base).toBeLessThan(100 * 2 ** 20);
  }, 60_000);
});
