// `npm run import -- FILE [--kind dossiers|units|unit-mapping|procedures|holidays|feedback|auto] [--sheet NAME] [--dry-run] [--batch-size N]
// [--unit CODE]`: imports a CSV or XLSX file (canonical, or a one-stop system's export) or a DongBoHoSoMC JSON file (SPEC
// §4, §4.1) with progress and a summary; rejected rows are written under the data directory in their original columns. `--unit`: as an importer bound to that unit (a one-stop system of one district), which writes
// only dossiers of its subtree — never another unit's, never a catalogue entry — as the API and the upload page do.
// `npm run import` gives Node a 64 MiB young generation (--max-semi-space-size=64): an import allocates a few KB a row
// that dies young, and the default 16 MiB made garbage collection a fifth of the CLI's time (measured 4–15 % faster).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../lib/db/connect';
import { dataDir } from '../lib/env';
import { selectDatabase } from '../lib/server/db';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    kind: { type: 'string', default: 'dossiers' },
    sheet: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    unit: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) {
  console.error(
    'Cách dùng: npm run import -- TỆP.csv|TỆP.xlsx|TỆP.json [--kind dossiers|units|unit-mapping|procedures|holidays|feedback|auto] [--sheet TÊN] [--dry-run] [--batch-size N] [--unit MÃ_ĐƠN_VỊ]',
  );
  process.exit(2);
}
const KINDS = ['dossiers', 'units', 'unit_mapping', 'procedures', 'holidays', 'feedback', 'auto'] as const;
const kind = KINDS.find((k) => k === values.kind.replace('-', '_'));
if (!kind) {
  console.error(`--kind ${values.kind}: chưa hỗ trợ; nhập được: ${KINDS.map((k) => k.replace('_', '-')).join(', ')}.`);
  process.exit(2);
}
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
  console.error(`Không tìm thấy tệp ${file}.`);
  process.exit(2);
}
const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 100_000)) {
  console.error(`--batch-size ${values['batch-size']}: cần một số nguyên từ 1 đến 100.000 (số hồ sơ mỗi giao dịch).`);
  process.exit(2);
}
const format = /\.xlsx$/i.test(file) ? 'xlsx' : /\.csv$/i.test(file) ? 'csv' : /\.json$/i.test(file) ? 'json' : null;
if (!format) {
  console.error(
    `${path.basename(file)}: chỉ nhập được tệp .csv (UTF-8, dấu phẩy hoặc chấm phẩy), .xlsx hoặc .json (gói DongBoHoSoMC).`,
  );
  process.exit(2);
}

const db = await openDatabase();
selectDatabase(db.url);
const { importFile, rejectedRowsCsv, ImportFileError } = await import('../lib/server/import/run');
const { findUnit } = await import('../lib/server/queries/units');
const unit = values.unit === undefined ? null : await findUnit(values.unit);
if (values.unit !== undefined && !unit) {
  console.error(`--unit ${values.unit}: không có đơn vị mã này.`);
  await db.close();
  process.exit(2);
}
const started = Date.now();
const total = fs.statSync(file).size;
const stream = fs.createReadStream(file);
const progress = (rows: number) => {
  if (!process.stderr.isTTY) return;
  const pct = total ? Math.min(100, Math.round((stream.bytesRead / total) * 100)) : 100;
  const rate = Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
  const bar = '█'.repeat(Math.round(pct / 4)).padEnd(25, '░');
  process.stderr.write(`\r${bar} ${pct}% · ${rows.toLocaleString('vi-VN')} dòng · ${rate.toLocaleString('vi-VN')} dòng/s`);
};
try {
  const options = {
    fileName: path.basename(file),
    source: unit ? `cli:unit:${unit.code}` : 'cli',
    format,
    sheet: values.sheet,
    dryRun: values['dry-run'],
    batchSize,
    onProgress: progress,
    scopePath: unit?.path ?? '/',
  } as const;
  const s = await importFile(kind, stream, options);
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${values['dry-run'] ? 'Chạy thử (không ghi gì)' : `Lần nhập #${s.importId}`} (${s.kind}): ${s.rows.toLocaleString('vi-VN')} dòng trong ${seconds.toFixed(1)} s ` +
      `(${Math.round(s.rows / Math.max(seconds, 0.001)).toLocaleString('vi-VN')} dòng/s, ` +
      `bộ nhớ đỉnh ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB)`,
  );
  console.log(
    `  thêm mới: ${s.inserted.toLocaleString('vi-VN')} · cập nhật: ${s.updated.toLocaleString('vi-VN')} · ` +
      `không đổi: ${s.unchanged.toLocaleString('vi-VN')} · bỏ qua: ${s.skipped.toLocaleString('vi-VN')} · ` +
      `bị từ chối: ${s.rejectedRows.toLocaleString('vi-VN')} dòng`,
  );
  for (const [reason, n] of Object.entries(s.skipReasons).slice(0, 10))
    console.log(`  bỏ qua ${n.toLocaleString('vi-VN')} dòng: ${reason}`);
  for (const u of s.unresolved.slice(0, 10))
    console.log(
      `  chưa xác định ${u.kind === 'unit' ? 'đơn vị' : 'thủ tục'} "${u.value}": ${u.rows.toLocaleString('vi-VN')} dòng ` +
        `(gán ở trang Nhập dữ liệu, rồi "Nhập lại các dòng bị từ chối")`,
    );
  if (s.ignoredColumns.length) console.log(`  cột bỏ qua: ${s.ignoredColumns.join(', ')}`);
  for (const d of s.duplicates.slice(0, 5)) console.log(`  dòng ${d.row}: ${d.value} ${d.reason}`);
  if (s.rejectedErrors) {
    for (const e of s.rejected.slice(0, 10))
      console.log(
        `  ${format === 'json' ? 'bản ghi' : 'dòng'} ${e.row}${e.code ? ` (${e.code})` : ''}, cột ${e.column}${e.value ? ` ("${e.value}")` : ''}: ${e.reason}`,
      );
    if (s.rejectedErrors > 10) console.log(`  … và ${(s.rejectedErrors - 10).toLocaleString('vi-VN')} lỗi khác`);
    // A real import wrote every rejected row to its file as it went; a dry run keeps the first ones only.
    let out = s.rejectedFile;
    if (!out) {
      out = path.join(dataDir, 'imports', `dry-run-${path.basename(file, path.extname(file))}-loi.csv`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, rejectedRowsCsv(s.rejected));
    }
    console.log(
      `  danh sách dòng bị từ chối: ${out}${s.rejectedFile || s.rejected.length === s.rejectedErrors ? '' : ` (${s.rejected.length.toLocaleString('vi-VN')} lỗi đầu tiên)`}`,
    );
  }
} catch (error) {
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.error(
    error instanceof ImportFileError ? error.message : `Nhập thất bại: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await db.close();
}
